// @ts-check

/**
 * Dataset profiles and data quality: each Glue-synced Dataset's column
 * statistics and quality state as last read, and its latest quality runs.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_data_datasets', table => {
    table.comment('Column statistics and data quality state of each Dataset');
    table.string('entity_ref', 255).notNullable();
    table
      .string('profile_state', 16)
      .notNullable()
      .comment('ok, none or unknown');
    table.text('profile_reason').nullable();
    table.bigInteger('record_count').nullable();
    table.text('columns').notNullable().comment('JSON array of ColumnProfile');
    table
      .text('unanalysed_columns')
      .notNullable()
      .comment('JSON array of column names');
    table
      .string('quality_state', 16)
      .notNullable()
      .comment('ok, none or unknown');
    table.text('quality_reason').nullable();
    table.string('checked_at', 32).notNullable();
    table.primary(['entity_ref'], 'mlops_data_datasets_pkey');
  });

  await knex.schema.createTable('mlops_data_quality_runs', table => {
    table.comment('Glue Data Quality results of a Dataset, the latest kept');
    table.string('entity_ref', 255).notNullable();
    table.string('result_id', 255).notNullable();
    table.string('ruleset', 255).nullable();
    table.double('score').notNullable();
    table.string('started_at', 32).notNullable();
    table.string('completed_at', 32).nullable();
    table
      .text('rules')
      .notNullable()
      .comment('JSON array of DataQualityRuleOutcome');
    table.primary(['entity_ref', 'result_id'], 'mlops_data_quality_runs_pkey');
    table.index(
      ['entity_ref', 'started_at'],
      'mlops_data_quality_runs_entity_time_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_data_quality_runs');
  await knex.schema.dropTable('mlops_data_datasets');
};
