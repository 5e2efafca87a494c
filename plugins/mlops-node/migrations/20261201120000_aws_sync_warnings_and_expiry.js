// @ts-check

/**
 * Sync warnings in the status, the entities of the last applied sync (for the
 * removal guard), an expiry per describe-cache entry, and the registry state
 * of model packages at the last applied sync (for change events).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('mlops_aws_sync_status', table => {
    table
      .text('warnings')
      .nullable()
      .comment(
        'Optional reads that failed, as JSON [{entityRef, read, reason}]',
      );
    table
      .text('last_applied_entity_refs')
      .nullable()
      .comment('Entity refs the latest applied sync gave the catalog, as JSON');
  });
  await knex.schema.alterTable('mlops_aws_describe_cache', table => {
    table
      .timestamp('expires_at', { useTz: true })
      .nullable()
      .comment('After this the entry is read again even if unchanged');
  });
  await knex.schema.createTable('mlops_aws_applied_state', table => {
    table.comment(
      'What an applied sync saw of resources whose changes are announced as events',
    );
    table.string('provider_id', 255).notNullable();
    table.string('arn', 2048).notNullable();
    table.text('state').notNullable().comment('As JSON');
    table.primary(['provider_id', 'arn'], 'mlops_aws_applied_state_pkey');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_aws_applied_state');
  await knex.schema.alterTable('mlops_aws_describe_cache', table => {
    table.dropColumn('expires_at');
  });
  await knex.schema.alterTable('mlops_aws_sync_status', table => {
    table.dropColumn('last_applied_entity_refs');
    table.dropColumn('warnings');
  });
};
