/**
 * @cts/db/d1 — the Worker entry: D1 storage, the bundled migrations and the schema, with no Node or libSQL
 * imports (nothing here reads the filesystem).
 */
export { affectedRows, type CtsDatabase, type Schema } from '../database.ts';
export { applyMigrations } from '../migrate/apply-migrations.ts';
export { migrateBundled } from '../migrate/migrate-bundled.ts';
export type { Migration } from '../migrate/migration.ts';
export { BUNDLED_MIGRATIONS } from '../migrate/migrations.gen.ts';
export * from '../schema/index.ts';
export { createLibsqlStorage, type SqlStorageOptions } from '../storage.ts';
export * from './create-d1-storage.ts';
