/**
 * @cts/db — drizzle schema, migrations and the storage repositories over libSQL (`file:`, `:memory:`, `libsql://`)
 * and Cloudflare D1 (also available alone as `@cts/db/d1`, for Workers), plus master-key rotation.
 */
export * from './client.ts';
export * from './d1/index.ts';
export { migrate } from './migrate/migrate.ts';
export { MIGRATIONS_FOLDER, readMigrations } from './migrate/read-migrations.ts';
export * from './repos/alert-store.ts';
export * from './repos/batch-repo.ts';
export * from './repos/connection-repo.ts';
export * from './repos/health-sample-repo.ts';
export * from './repos/limiter-state-repo.ts';
export * from './repos/session-store.ts';
export * from './repos/test-result-repo.ts';
export * from './rotate-key.ts';
