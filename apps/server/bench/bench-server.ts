/**
 * The bench's server process: the real system (libSQL :memory:, vault, coordinator, API) with `count` stored
 * connections on one port, and bare Hono routes on another, both on this runtime. Prints one JSON ready line.
 * `bench-server.ts [count] [:memory:|memory|file] [cache|nocache]`; with `file` (a temp libSQL file) the bare routes
 * include drizzle over a second client of the same file, running the list's query.
 */
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken } from '@cts/api';
import { EXCHANGES, generateMasterKey, noopLogger, randomHex } from '@cts/core';
import { createDb, createLibsqlClient } from '@cts/db';
import { connections } from '@cts/db/schema';
import { serve } from '@hono/node-server';
import { asc, getTableColumns } from 'drizzle-orm';
import { Hono } from 'hono';
import { createCts } from '../src/deps.ts';

const count = Number(process.argv[2] ?? 1000);
/** libSQL `:memory:` or `file` (the real storage), or `memory` (core's in-memory storage, the API's own cost). */
const storageArg = process.argv[3] ?? ':memory:';
const databaseUrl =
  storageArg === 'file' ? `file:${join(mkdtempSync(join(tmpdir(), 'cts-bench-')), 'bench.db')}` : storageArg;
/** `cache` (the server's default for local databases) or `nocache` (every read goes to storage, as on the Worker). */
const connectionCache = (process.argv[4] ?? 'cache') === 'cache';
const jwtSecret = randomHex(32);
const cts = await createCts({
  databaseUrl,
  masterKey: `bench:${generateMasterKey()}`,
  jwtSecret,
  logger: noopLogger,
  admin: false,
  connectionCache,
});
for (let i = 0; i < count; i++) {
  await cts.coordinator.createConnection({
    name: `bench ${i}`,
    exchange: EXCHANGES[i % EXCHANGES.length]!,
    api_type: 'spot',
    api_key: `bench-key-${randomHex(12)}`,
    api_secret: randomHex(32),
    ...(EXCHANGES[i % EXCHANGES.length] === 'okx' ? { api_passphrase: 'bench-pass' } : {}),
    enabled: false,
  });
}
const records = await cts.coordinator.listConnections();

const bare = new Hono();
bare.get('/hello', (c) => c.json({ ok: true }));
// The same payload as the API route, from an array in memory: no auth, validation, storage, logs or metrics.
bare.get('/same-payload', (c) =>
  c.json({ success: true, count: records.length, filters: {}, connections: records }),
);

// The transport's ceiling for this payload: serialised once at start, sent as bytes.
const sameBytes = new TextEncoder().encode(
  JSON.stringify({ success: true, count: records.length, filters: {}, connections: records }),
);
bare.get('/same-payload-bytes', (c) => c.body(sameBytes, 200, { 'Content-Type': 'application/json' }));

bare.get('/one', (c) => c.json({ success: true, connection: records[0] }));

if (storageArg === 'file') {
  // A bare Hono + drizzle + libSQL route running the list's query (stored columns, created_at then id) on the same
  // file through its own client: what the list costs without CTS's auth, validation, records, ETag and logs.
  const db = createDb(createLibsqlClient(databaseUrl));
  const { isEnabled: _e, isActive: _a, ...columns } = getTableColumns(connections);
  const query = () =>
    db.select(columns).from(connections).orderBy(asc(connections.createdAt), asc(connections.id));
  bare.get('/drizzle-list', async (c) => c.json({ connections: await query() }));
  bare.get('/drizzle-page', async (c) => c.json({ connections: await query().limit(100) }));
}

declare const Bun:
  | {
      serve(o: { port: number; hostname: string; fetch: (r: Request) => Response | Promise<Response> }): {
        port: number;
      };
    }
  | undefined;
declare const Deno:
  | {
      serve(
        o: { port: number; hostname: string; onListen?: (a: { port: number }) => void },
        h: (r: Request) => Response | Promise<Response>,
      ): unknown;
    }
  | undefined;

/** Serves on this runtime's native server (Bun.serve, Deno.serve, @hono/node-server on Node). */
const listen = (fetch: (r: Request) => Response | Promise<Response>) =>
  new Promise<number>((resolve) => {
    if (typeof Bun !== 'undefined') return resolve(Bun.serve({ port: 0, hostname: '127.0.0.1', fetch }).port);
    if (typeof Deno !== 'undefined')
      return void Deno.serve(
        { port: 0, hostname: '127.0.0.1', onListen: ({ port }) => resolve(port) },
        fetch,
      );
    serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
  });
const apiPort = await listen(cts.app.fetch);
const barePort = await listen(bare.fetch);
const token = await issueToken({ secret: jwtSecret, sub: 'bench', role: 'viewer', ttl: '1h' });
console.log(
  JSON.stringify({ ready: true, apiPort, barePort, token, stored: records.length, firstId: records[0]?.id }),
);
process.once('SIGTERM', () => {
  void cts.close().then(() => process.exit(0));
});
