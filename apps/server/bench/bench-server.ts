/**
 * The bench's server process: the real system (libSQL :memory:, vault, coordinator, API) with `count` stored
 * connections on one port, and bare Hono routes on another, both on this runtime. Prints one JSON ready line.
 * `bench-server.ts [count] [:memory:|memory] [cache|nocache]`
 */
import type { AddressInfo } from 'node:net';
import { issueToken } from '@cts/api';
import { EXCHANGES, generateMasterKey, noopLogger, randomHex } from '@cts/core';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createCts } from '../src/deps.ts';

const count = Number(process.argv[2] ?? 1000);
/** libSQL `:memory:` (the real storage) or `memory` (core's in-memory storage, to isolate the API's own cost). */
const databaseUrl = process.argv[3] ?? ':memory:';
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
