// @ts-check

const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash-chained audit trail: its events, the head of the chain that
 * serialises appends, and the results of verifying the chain.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_audit_events', table => {
    table.comment(
      'Append-only audit events; each hash covers the event and the hash before it',
    );
    table
      .bigInteger('sequence')
      .notNullable()
      .comment('Position in the chain, from 1, without gaps');
    table.string('id', 36).notNullable().comment('UUID of the event');
    table
      .string('occurred_at', 32)
      .notNullable()
      .comment('ISO 8601 UTC time, as hashed (sorts as text)');
    table
      .string('actor', 255)
      .notNullable()
      .comment('User entity ref, or service:<plugin>');
    table.string('action', 255).notNullable();
    table
      .string('target_ref', 255)
      .notNullable()
      .comment('Entity ref the event is about');
    table.string('target_arn', 2048).nullable();
    table
      .string('model_ref', 255)
      .nullable()
      .comment(
        'The Model a ModelVersion target belongs to, so a Model query finds it',
      );
    table
      .text('details')
      .notNullable()
      .comment('Canonical JSON (sorted keys), exactly as hashed');
    table.string('previous_hash', 64).notNullable();
    table.string('hash', 64).notNullable().comment('SHA-256, hex');
    table.primary(['sequence'], 'mlops_audit_events_pkey');
    table.unique(['id'], { indexName: 'mlops_audit_events_id_uniq' });
    table.index(['target_ref', 'sequence'], 'mlops_audit_events_target_idx');
    table.index(['model_ref', 'sequence'], 'mlops_audit_events_model_idx');
    table.index(['actor', 'sequence'], 'mlops_audit_events_actor_idx');
    table.index(['action', 'sequence'], 'mlops_audit_events_action_idx');
    table.index(['occurred_at'], 'mlops_audit_events_occurred_at_idx');
  });

  await knex.schema.createTable('mlops_audit_chain_head', table => {
    table.comment(
      'The one row every append locks, so appends from all instances form one chain',
    );
    table.integer('id').notNullable();
    table.bigInteger('last_sequence').notNullable();
    table.string('last_hash', 64).notNullable();
    table.primary(['id'], 'mlops_audit_chain_head_pkey');
  });
  await knex('mlops_audit_chain_head').insert({
    id: 1,
    last_sequence: 0,
    last_hash: GENESIS_HASH,
  });

  await knex.schema.createTable('mlops_audit_verifications', table => {
    table.comment('Results of verifying the whole audit chain');
    table.increments('id', { primaryKey: false });
    table.string('verified_at', 32).notNullable().comment('ISO 8601 UTC time');
    table.boolean('ok').notNullable();
    table.bigInteger('checked_events').notNullable();
    table.integer('duration_ms').notNullable();
    table.string('first_broken_id', 36).nullable();
    table.bigInteger('first_broken_sequence').nullable();
    table
      .text('reason')
      .nullable()
      .comment('Why the first broken link is broken');
    table.primary(['id'], 'mlops_audit_verifications_pkey');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_audit_verifications');
  await knex.schema.dropTable('mlops_audit_chain_head');
  await knex.schema.dropTable('mlops_audit_events');
};
