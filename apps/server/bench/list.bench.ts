/**
 * In-process timing of one list of 1,000 stored connections at each layer: the libSQL repo, core's memory repo, the
 * libSQL repo behind the write-through cache (a hit, and the first list after a write), and the whole API route
 * (app.request: JWT, validation, coordinator, reply) with and without the cache, and answering If-None-Match.
 * `node apps/server/bench/list.bench.ts [connections] [rounds]`; prints median and p99 per row.
 */
import { issueToken } from '@cts/api';
import {
  type ConnectionRepo,
  type ConnectionWrite,
  cacheConnections,
  EXCHANGES,
  generateMasterKey,
  noopLogger,
  randomHex,
  type Storage,
} from '@cts/core';
import { createMemoryStorage } from '@cts/core/storage/memory';
import { createDb, createLibsqlClient, createLibsqlStorage, migrate } from '@cts/db';
import { blob, connectionFields } from '@cts/testkit';
import { createCts } from '../src/deps.ts';

const STORED = Number(process.argv[2] ?? 1000);
const ROUNDS = Number(process.argv[3] ?? 200);
const T0 = Date.UTC(2026, 0, 27, 10, 0, 0);

function fields(i: number): ConnectionWrite {
  return connectionFields({
    name: `bench ${i}`,
    exchange: EXCHANGES[i % EXCHANGES.length]!,
    api_type: 'spot',
    margin_type: null,
    position_mode: null,
    api_key_masked: 'benc…0000',
  });
}

async function fill(storage: Storage): Promise<ConnectionRepo> {
  for (let i = 0; i < STORED; i++)
    await storage.connections.create(crypto.randomUUID(), fields(i), blob(String(i)), T0 + i);
  return storage.connections;
}

/** The whole system (createCts) with STORED connections created through the coordinator. */
async function system(connectionCache: boolean) {
  const jwtSecret = randomHex(32);
  const cts = await createCts({
    databaseUrl: ':memory:',
    masterKey: `bench:${generateMasterKey()}`,
    jwtSecret,
    logger: noopLogger,
    admin: false,
    connectionCache,
  });
  for (let i = 0; i < STORED; i++)
    await cts.coordinator.createConnection({
      name: `bench ${i}`,
      exchange: 'bybit',
      api_type: 'spot',
      api_key: `bench-key-${randomHex(12)}`,
      api_secret: randomHex(32),
      enabled: false,
    });
  const token = await issueToken({ secret: jwtSecret, sub: 'bench', role: 'viewer', ttl: '1h' });
  const get = async (headers: Record<string, string> = {}) => {
    const res = await cts.app.request('/api/settings/connections', {
      headers: { Authorization: `Bearer ${token}`, ...headers },
    });
    await res.arrayBuffer();
    return res;
  };
  return { cts, get };
}

async function time(name: string, fn: () => Promise<unknown> | unknown): Promise<void> {
  for (let i = 0; i < 10; i++) await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(3);
  console.log(`${name.padEnd(52)} ${at(0.5).padStart(9)} ${at(0.99).padStart(9)}`);
}

const db = createDb(createLibsqlClient(':memory:'));
await migrate(db);
const libsql = await fill(createLibsqlStorage(db));
const memory = await fill(createMemoryStorage());
const cachedStorage = cacheConnections(createLibsqlStorage(db));
const cached = cachedStorage.connections;
const first = (await cached.list())[0]!;

console.log(`\n${STORED} stored connections, ${ROUNDS} rounds, Node ${process.version}\n`);
console.log(`${'one list() of every connection'.padEnd(52)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)}`);
await time('libSQL :memory: repo', () => libsql.list());
await time('libSQL :memory: repo ?exchange=okx', () => libsql.list({ exchange: 'okx' }));
await time('memory repo (copies every record)', () => memory.list());
await time('libSQL behind the cache, hit', () => cached.list());
let version = first.version;
await time('libSQL behind the cache, first list after a write', async () => {
  const r = await cached.update(first.id, { name: `v${version}` }, { now: T0, expectedVersion: version });
  version = r!.version;
  return cached.list();
});
const list = await cached.list();
await time('JSON.stringify of the 1,000 records', () => JSON.stringify(list));

for (const cache of [true, false]) {
  const { cts, get } = await system(cache);
  const label = cache ? 'with the cache' : 'no cache';
  await time(`API route in-process (app.request), ${label}`, () => get());
  const etag = (await get()).headers.get('ETag') ?? '';
  await time(`API route, If-None-Match → 304, ${label}`, () => get({ 'If-None-Match': etag }));
  await cts.close();
}
