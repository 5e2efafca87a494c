// @ts-check

/**
 * Governance: reviews of ModelVersions for a stage, their human decisions and
 * waivers, and what this plugin wrote to the SageMaker model registry (to
 * tell its own writes from out-of-band changes).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_governance_reviews', table => {
    table.comment('Promotion and rollback reviews of ModelVersions');
    table.string('id', 36).notNullable().comment('UUID of the review');
    table.string('kind', 16).notNullable().comment('promotion or rollback');
    table.string('entity_ref', 255).notNullable().comment('The ModelVersion');
    table.string('model_ref', 255).notNullable().comment('Its Model');
    table.string('arn', 2048).nullable().comment('The model package ARN');
    table.string('target_stage', 64).notNullable();
    table.string('policy', 255).notNullable();
    table
      .string('state', 32)
      .notNullable()
      .comment('open, approved-not-synced, completed, rejected, superseded');
    table.string('requested_by', 255).notNullable();
    table.string('requested_at', 32).notNullable();
    table.text('comment').nullable();
    table
      .text('checkpoints')
      .notNullable()
      .comment('JSON array of CheckpointResult, the latest evaluation');
    table.text('write_back').nullable().comment('JSON WriteBackState');
    table
      .string('replaces_ref', 255)
      .nullable()
      .comment('The version this one replaces in the stage');
    table
      .string('entity_etag', 255)
      .nullable()
      .comment('etag of the version entity at the last evaluation');
    table.string('updated_at', 32).notNullable();
    table.string('completed_at', 32).nullable();
    table.primary(['id'], 'mlops_governance_reviews_pkey');
    table.index(['entity_ref'], 'mlops_governance_reviews_entity_idx');
    table.index(['model_ref'], 'mlops_governance_reviews_model_idx');
    table.index(['state'], 'mlops_governance_reviews_state_idx');
  });

  await knex.schema.createTable('mlops_governance_decisions', table => {
    table.comment('Human approve/reject decisions; one per review and actor');
    table.string('id', 36).notNullable();
    table.string('review_id', 36).notNullable();
    table.string('actor', 255).notNullable().comment('User entity ref');
    table.string('decision', 16).notNullable().comment('approve or reject');
    table.text('comment').notNullable();
    table.string('at', 32).notNullable();
    table.primary(['id'], 'mlops_governance_decisions_pkey');
    table
      .foreign('review_id', 'mlops_governance_decisions_review_fk')
      .references('id')
      .inTable('mlops_governance_reviews')
      .onDelete('CASCADE');
    table.unique(['review_id', 'actor'], {
      indexName: 'mlops_governance_decisions_actor_uniq',
    });
  });

  await knex.schema.createTable('mlops_governance_waivers', table => {
    table.comment('Waived checkpoints of reviews, with who and why');
    table.string('review_id', 36).notNullable();
    table.string('checkpoint_id', 255).notNullable();
    table.string('waived_by', 255).notNullable();
    table.text('reason').notNullable();
    table.string('at', 32).notNullable();
    table.primary(
      ['review_id', 'checkpoint_id'],
      'mlops_governance_waivers_pkey',
    );
    table
      .foreign('review_id', 'mlops_governance_waivers_review_fk')
      .references('id')
      .inTable('mlops_governance_reviews')
      .onDelete('CASCADE');
  });

  await knex.schema.createTable('mlops_governance_registry_writes', table => {
    table.comment('What governance wrote to the SageMaker model registry');
    table.string('id', 36).notNullable();
    table.string('arn', 2048).notNullable();
    table.string('review_id', 36).notNullable();
    table.string('approval_status', 32).notNullable();
    table.string('stage', 64).nullable();
    table.string('stage_status', 64).nullable();
    table.string('written_at', 32).notNullable();
    table.primary(['id'], 'mlops_governance_registry_writes_pkey');
    table.index(['arn'], 'mlops_governance_registry_writes_arn_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_governance_registry_writes');
  await knex.schema.dropTable('mlops_governance_waivers');
  await knex.schema.dropTable('mlops_governance_decisions');
  await knex.schema.dropTable('mlops_governance_reviews');
};
