// @ts-check

/**
 * Access requests to Datasets and FeatureGroups, and the approvals and
 * rejections given on them: one decision per request and person, and per
 * request and step, so no one counts twice and no step is approved twice.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_access_requests', table => {
    table.comment('Requests for access to a Dataset or FeatureGroup');
    table.string('id', 36).notNullable().comment('UUID of the request');
    table.string('entity_ref', 255).notNullable().comment('The data');
    table.string('requested_by', 255).notNullable().comment('User entity ref');
    table.text('purpose').notNullable();
    table.integer('duration_days').notNullable();
    table
      .string('state', 16)
      .notNullable()
      .comment('pending, approved or rejected');
    table
      .text('required_steps')
      .notNullable()
      .comment('JSON array: owner, and privacy for PII data');
    table
      .text('approvers')
      .notNullable()
      .comment('JSON object: step to the refs that may approve it');
    table.text('fulfilment').nullable().comment('JSON AccessFulfilment');
    table.string('created_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
    table.string('expires_at', 32).nullable();
    table.primary(['id'], 'mlops_access_requests_pkey');
    table.index(['entity_ref'], 'mlops_access_requests_entity_idx');
    table.index(['requested_by'], 'mlops_access_requests_requester_idx');
    table.index(['state'], 'mlops_access_requests_state_idx');
  });

  await knex.schema.createTable('mlops_access_decisions', table => {
    table.comment('Approvals and rejections of access requests');
    table.string('request_id', 36).notNullable();
    table.string('actor', 255).notNullable().comment('User entity ref');
    table.string('step', 16).notNullable().comment('owner or privacy');
    table.string('decision', 16).notNullable().comment('approve or reject');
    table.text('comment').nullable();
    table.string('decided_at', 32).notNullable();
    table.primary(['request_id', 'actor'], 'mlops_access_decisions_pkey');
    table.unique(['request_id', 'step'], {
      indexName: 'mlops_access_decisions_step_uniq',
    });
    table
      .foreign('request_id', 'mlops_access_decisions_request_fk')
      .references('id')
      .inTable('mlops_access_requests')
      .onDelete('CASCADE');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_access_decisions');
  await knex.schema.dropTable('mlops_access_requests');
};
