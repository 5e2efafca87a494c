import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const MIGRATIONS_TABLE = 'mlops_knex_migrations';

/**
 * Brings the mlops plugin's database to the latest schema: the migrations of
 * every capability (governance, audit, health...) live in one folder, run in
 * the order of their timestamped names.
 */
export async function applyMlopsMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    directory: resolvePackagePath(
      '@ml-foundation/plugin-mlops-backend',
      'migrations',
    ),
    tableName: MIGRATIONS_TABLE,
  });
}
