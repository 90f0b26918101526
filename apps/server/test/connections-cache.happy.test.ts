import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXCHANGES, generateMasterKey, noopLogger, randomHex } from '@cts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cts, createCts } from '../src/deps.ts';
import { type Harness, startHarness } from './harness.ts';

describe('GET /api/settings/connections: ETag and 304', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    for (const exchange of ['bybit', 'okx'] as const)
      await h.create({ ...(await h.account(exchange)), enabled: false });
  });
  afterAll(() => h.close());

  it('answers 304 with no body while nothing listed changed, and a new ETag after a write', async () => {
    const first = await h.request('GET', '/api/settings/connections');
    expect(first.status).toBe(200);
    expect(first.json.count).toBe(2);
    const etag = first.headers.get('ETag');
    expect(etag).toMatch(/^W\/"2-[0-9a-z]+"$/);
    expect(first.headers.get('Cache-Control')).toBe('private, no-cache');
    expect(first.headers.get('Content-Type')).toMatch(/^application\/json/);

    const again = await h.request('GET', '/api/settings/connections', {
      headers: { 'If-None-Match': etag! },
    });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('ETag')).toBe(etag);

    const id = first.json.connections[0].id;
    const renamed = await h.request('PATCH', `/api/settings/connections/${id}`, {
      body: { name: 'Renamed' },
    });
    expect(renamed.status).toBe(200);
    const after = await h.request('GET', '/api/settings/connections', {
      headers: { 'If-None-Match': etag! },
    });
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(etag);
    expect(after.json.connections.find((c: { id: string }) => c.id === id).name).toBe('Renamed');
  });

  it('gives each filter its own ETag and body', async () => {
    const all = await h.request('GET', '/api/settings/connections');
    const okx = await h.request('GET', '/api/settings/connections?exchange=okx', {
      headers: { 'If-None-Match': all.headers.get('ETag')! },
    });
    expect(okx.status).toBe(200);
    expect(okx.json).toMatchObject({ count: 1, filters: { exchange: 'okx' } });
    const none = await h.request('GET', '/api/settings/connections?exchange=binance');
    expect(none.json).toMatchObject({ count: 0, connections: [] });
    expect(new Set([all, okx, none].map((r) => r.headers.get('ETag'))).size).toBe(3);
  });
});

describe('two processes on one database', () => {
  let dir: string;
  let server: Cts;
  let worker: Cts;
  const masterKey = `test:${generateMasterKey()}`;
  const make = (connectionCache?: boolean) =>
    createCts({
      databaseUrl: `file:${join(dir, 'cts.db')}`,
      masterKey,
      jwtSecret: randomHex(32),
      logger: noopLogger,
      admin: false,
      connectionCache,
    });
  const input = (name: string) => ({
    name,
    exchange: EXCHANGES[0]!,
    api_type: 'spot' as const,
    api_key: `key-${randomHex(8)}`,
    api_secret: randomHex(16),
    enabled: false,
  });
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cts-cache-'));
    server = await make(); // file: database → cache on (the single-process server)
    worker = await make(false); // the Worker's setting: every read goes to the shared database
  });
  afterAll(async () => {
    await server.close();
    await worker.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the uncached one sees every write the other makes; the cached one sees its own and refuses stale versions', async () => {
    const a = await server.coordinator.createConnection(input('from server'));
    expect((await worker.coordinator.listConnections()).map((c) => c.name)).toEqual(['from server']);

    const b = await worker.coordinator.createConnection(input('from worker'));
    await worker.coordinator.updateConnection(a.id, { name: 'renamed by worker', version: a.version });
    expect((await worker.coordinator.getConnection(a.id)).name).toBe('renamed by worker');
    expect((await worker.coordinator.listConnections()).map((c) => c.name)).toEqual([
      'renamed by worker',
      'from worker',
    ]);

    // The cached server still lists its own view (why the Worker runs without the cache)…
    expect((await server.coordinator.listConnections()).map((c) => c.name)).toEqual(['from server']);
    // …but its writes are checked by the database, and a refused write takes the database's record.
    await expect(
      server.coordinator.updateConnection(a.id, { name: 'stale', version: a.version }),
    ).rejects.toThrow(/changed by someone else/);
    expect((await server.coordinator.getConnection(a.id)).name).toBe('renamed by worker');
    // An id it never saw is looked up in the database.
    expect((await server.coordinator.getConnection(b.id)).name).toBe('from worker');

    await server.coordinator.deleteConnection(b.id);
    expect((await worker.coordinator.listConnections()).map((c) => c.id)).toEqual([a.id]);
    expect((await server.coordinator.listConnections()).map((c) => c.id)).toEqual([a.id]);
  });
});
