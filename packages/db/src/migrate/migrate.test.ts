import { readMigrationFiles } from 'drizzle-orm/migrator';
import { describe, expect, it } from 'vitest';
import { createDb, createLibsqlClient } from '../client.ts';
import { migrate } from './migrate.ts';
import { migrateBundled } from './migrate-bundled.ts';
import { BUNDLED_MIGRATIONS } from './migrations.gen.ts';
import { MIGRATIONS_FOLDER, readMigrations } from './read-migrations.ts';

async function tables(db: ReturnType<typeof createDb>): Promise<string[]> {
  const rs = await db.$client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  return rs.rows.map((r) => String(r.name));
}

/** Every committed migration, in order. */
const ALL = readMigrations().map((m) => m.tag);

describe('migrate', () => {
  it('creates every table on an empty database, and a second run is a no-op', async () => {
    const db = createDb(createLibsqlClient(':memory:'));
    expect(await tables(db)).toEqual([]);
    expect(await migrate(db)).toEqual(ALL);
    expect(await tables(db)).toEqual([
      '__drizzle_migrations',
      'admin_sessions',
      'alert_attempts',
      'alert_channels',
      'alert_deliveries',
      'alert_locks',
      'alert_outbox',
      'alert_states',
      'batch_jobs',
      'batch_tasks',
      'connection_credentials',
      'connections',
      'health_samples',
      'limiter_saves',
      'limiter_scopes',
      'sqlite_sequence', // alert_outbox.seq is AUTOINCREMENT: never reused, so a consumed entry's seq stays unique
      'test_results',
    ]);
    const schemaBefore = await db.$client.execute('SELECT sql FROM sqlite_master ORDER BY name');
    expect(await migrate(db)).toEqual([]);
    const schemaAfter = await db.$client.execute('SELECT sql FROM sqlite_master ORDER BY name');
    expect(schemaAfter.rows).toEqual(schemaBefore.rows);
    expect((await db.$client.execute('SELECT count(*) AS n FROM __drizzle_migrations')).rows[0]!.n).toBe(
      ALL.length,
    );
    db.$client.close();
  });

  it('creates the (connection_id, at) index health samples are read by', async () => {
    const db = createDb(createLibsqlClient(':memory:'));
    await migrate(db);
    const plan = await db.$client.execute(
      "EXPLAIN QUERY PLAN SELECT * FROM health_samples WHERE connection_id = 'c' AND at >= 5 ORDER BY at",
    );
    expect(JSON.stringify(plan.rows)).toContain('health_samples_connection_at_idx');
    db.$client.close();
  });

  it('reads the folder exactly as drizzle does, from any working directory', () => {
    const ours = readMigrations();
    const drizzles = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER.pathname });
    expect(ours.map((m) => ({ sql: m.sql, hash: m.hash, when: m.when }))).toEqual(
      drizzles.map((m) => ({ sql: m.sql, hash: m.hash, when: m.folderMillis })),
    );
  });

  it('bundles the same migrations for Workers (run `npm run db:generate` if this fails)', () => {
    expect(BUNDLED_MIGRATIONS).toEqual(readMigrations());
  });

  it('is interchangeable with the bundled copy: one after the other applies nothing twice', async () => {
    const db = createDb(createLibsqlClient(':memory:'));
    expect(await migrateBundled(db)).toEqual(ALL);
    expect(await migrate(db)).toEqual([]);
    db.$client.close();
  });
});
