// @ts-check

/**
 * Model health: each ModelDeployment's latest health from Model Monitor, its
 * history, and the retraining pipeline runs started from the portal.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_health_deployments', table => {
    table.comment('Latest health of each ModelDeployment');
    table.string('entity_ref', 255).notNullable();
    table
      .string('state', 16)
      .notNullable()
      .comment('healthy, drifting, failing or unknown');
    table.text('reason').nullable();
    table
      .text('executions')
      .notNullable()
      .comment('JSON array of MonitoringExecutionHealth');
    table.string('checked_at', 32).notNullable();
    table
      .string('state_since', 32)
      .notNullable()
      .comment('When the deployment entered its state');
    table.primary(['entity_ref'], 'mlops_health_deployments_pkey');
    table.index(['state'], 'mlops_health_deployments_state_idx');
  });

  await knex.schema.createTable('mlops_health_history', table => {
    table.comment('One row per health check of a ModelDeployment');
    table.increments('id', { primaryKey: false });
    table.string('entity_ref', 255).notNullable();
    table.string('state', 16).notNullable();
    table.text('reason').nullable();
    table.integer('violation_count').notNullable();
    table.string('checked_at', 32).notNullable();
    table.primary(['id'], 'mlops_health_history_pkey');
    table.index(
      ['entity_ref', 'checked_at'],
      'mlops_health_history_entity_time_idx',
    );
  });

  await knex.schema.createTable('mlops_health_retraining_runs', table => {
    table.comment('SageMaker pipeline executions started to retrain a Model');
    table.string('id', 36).notNullable();
    table.string('model_ref', 255).notNullable();
    table.string('deployment_ref', 255).nullable();
    table.string('pipeline', 2048).notNullable();
    table.string('execution_arn', 2048).notNullable();
    table
      .string('status', 32)
      .notNullable()
      .comment('PipelineExecutionStatus as last described');
    table.string('started_by', 255).notNullable().comment('User entity ref');
    table.text('reason').notNullable();
    table.string('started_at', 32).notNullable();
    table.text('failure_reason').nullable();
    table.primary(['id'], 'mlops_health_retraining_runs_pkey');
    table.index(['model_ref'], 'mlops_health_retraining_runs_model_idx');
    table.index(['status'], 'mlops_health_retraining_runs_status_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_health_retraining_runs');
  await knex.schema.dropTable('mlops_health_history');
  await knex.schema.dropTable('mlops_health_deployments');
};
