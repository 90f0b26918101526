import type { CtsDatabase } from '../database.ts';
import { applyMigrations } from './apply-migrations.ts';
import { BUNDLED_MIGRATIONS } from './migrations.gen.ts';

/**
 * Runs the committed migrations from their bundled copy (no filesystem): for Cloudflare D1 in a Worker.
 * Idempotent, and interchangeable with `migrate` (same bookkeeping table).
 * @example await migrateBundled(drizzle(env.DB, { schema }))
 */
export function migrateBundled(db: CtsDatabase): Promise<string[]> {
  return applyMigrations(db, BUNDLED_MIGRATIONS);
}
