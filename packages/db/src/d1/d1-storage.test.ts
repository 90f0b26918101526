import type { Storage } from '@cts/core/storage';
import { runStorageContract, sessionStoreContract } from '@cts/testkit';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateBundled } from '../migrate/migrate-bundled.ts';
import { BUNDLED_MIGRATIONS } from '../migrate/migrations.gen.ts';
import { createD1Db, createD1Storage } from './create-d1-storage.ts';

// Real D1 (workerd's SQLite) through Miniflare 4: proves the schema, the bundled migrations and every repository
// query run on D1. Each storage gets its own database binding, so tests stay independent.
const BINDINGS = Array.from({ length: 64 }, (_, i) => `DB${i}`);
let mf: Miniflare;
let next = 0;

beforeAll(async () => {
  mf = new Miniflare({
    modules: true,
    script: 'export default { fetch() { return new Response(""); } }',
    compatibilityDate: '2025-01-01',
    d1Databases: BINDINGS,
    host: '127.0.0.1',
  });
  await mf.ready;
});
afterAll(() => mf?.dispose());

async function freshD1() {
  const binding = BINDINGS[next++];
  if (!binding) throw new Error('d1-storage.test: add more D1 bindings');
  return mf.getD1Database(binding);
}

describe('D1 migrations', () => {
  it('apply to an empty D1 database, and a second run is a no-op', async () => {
    const d1 = await freshD1();
    const db = createD1Db(d1 as never);
    expect(await migrateBundled(db)).toEqual(BUNDLED_MIGRATIONS.map((m) => m.tag));
    expect(await migrateBundled(db)).toEqual([]);
    const tables = await d1
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\'")
      .all();
    expect(tables.results.map((r) => r.name).sort()).toEqual([
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
  });
});

runStorageContract('Cloudflare D1 (Miniflare)', async (): Promise<Storage> => {
  const d1 = await freshD1();
  await migrateBundled(createD1Db(d1 as never));
  return createD1Storage(d1 as never);
});

sessionStoreContract('Cloudflare D1 (Miniflare)', async () => {
  const d1 = await freshD1();
  await migrateBundled(createD1Db(d1 as never));
  return createD1Storage(d1 as never).sessions!;
});
