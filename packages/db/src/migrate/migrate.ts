import type { CtsDatabase } from '../database.ts';
import { applyMigrations } from './apply-migrations.ts';
import { readMigrations } from './read-migrations.ts';

/**
 * Runs the committed migrations (packages/db/migrations) that have not run yet. Idempotent.
 * @param folder @default packages/db/migrations, resolved from this module
 * @returns the tags applied
 * @example await migrate(createDb(createLibsqlClient(':memory:')))
 */
export function migrate(db: CtsDatabase, folder?: URL | string): Promise<string[]> {
  return applyMigrations(db, readMigrations(folder));
}
