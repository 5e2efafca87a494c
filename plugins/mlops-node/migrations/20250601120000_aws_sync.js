// @ts-check

/**
 * The AWS providers' describe cache and sync status.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_aws_describe_cache', table => {
    table.comment(
      'Describe results of AWS resources, reused while the resource is unchanged',
    );
    table
      .string('provider_id', 255)
      .notNullable()
      .comment('Entity provider name, e.g. aws-glue:prod-eu');
    table.string('arn', 2048).notNullable().comment('ARN of the resource');
    table
      .text('version_key')
      .notNullable()
      .comment(
        'What changes when the resource does, e.g. its last-modified time',
      );
    table.text('value').notNullable().comment('The cached result, as JSON');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.primary(['provider_id', 'arn'], 'mlops_aws_describe_cache_pkey');
  });

  await knex.schema.createTable('mlops_aws_sync_status', table => {
    table.comment('Outcome of the latest sync of each AWS entity provider');
    table.string('provider_id', 255).notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).notNullable();
    table.integer('duration_ms').notNullable();
    table
      .string('outcome', 16)
      .notNullable()
      .comment('applied, refused or failed');
    table
      .text('entity_counts')
      .notNullable()
      .comment('Entities read, by kind, as JSON');
    table
      .text('calls')
      .notNullable()
      .comment('AWS calls by operation, as JSON');
    table.text('errors').notNullable().comment('Error messages, as JSON');
    table
      .timestamp('last_applied_at', { useTz: true })
      .nullable()
      .comment('End of the latest sync whose entities reached the catalog');
    table
      .integer('last_applied_entity_count')
      .nullable()
      .comment('Entities the latest applied sync gave the catalog');
    table.primary(['provider_id'], 'mlops_aws_sync_status_pkey');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_aws_sync_status');
  await knex.schema.dropTable('mlops_aws_describe_cache');
};
