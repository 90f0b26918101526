import { issueToken } from '@cts/api';
import { type Logger, noopLogger, randomHex } from '@cts/core';
import { type Cts, createCts } from '@cts/server';
import { type SimulatorServer, startSimulatorServer } from '@cts/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, testSecrets, type WorkerUnderTest } from './harness.ts';

let sim: SimulatorServer;
let w: WorkerUnderTest;
const servers: Cts[] = [];

beforeAll(async () => {
  sim = await startSimulatorServer({ port: 0 });
  w = await startWorker({ vars: { CTS_EXCHANGE_BASE_URL: sim.url } });
});
afterAll(async () => {
  for (const s of servers) await s.close();
  await w?.close();
  await sim?.close();
});

/** A Node server (apps/server's composition root) whose limiter lives in the Worker, as CTS_LIMITER_URL sets up. */
async function server(logger: Logger = noopLogger): Promise<Cts> {
  const cts = await createCts({
    databaseUrl: 'memory',
    masterKey: testSecrets().masterKey,
    jwtSecret: randomHex(32),
    exchangeBaseUrl: sim.url,
    admin: false,
    logger,
    sharedLimiter: { url: w.url, secret: w.limiterSecret },
  });
  servers.push(cts);
  return cts;
}

async function binanceConnection(cts: Cts, name: string) {
  const a = await sim.simulator.createAccount({ exchange: 'binance', environment: 'mainnet' });
  return cts.coordinator.createConnection(
    { name, exchange: 'binance', api_type: 'spot', api_key: a.apiKey, api_secret: a.apiSecret },
    { awaitTest: true },
  );
}

/**
 * Used weight of the per-IP buckets (one IP: 'default') the limiter has seen, in each bucket's longest window: a
 * 1-second window lets the earlier requests leave while the later ones arrive, so counts may not grow.
 */
async function ipUsed(cts: Cts): Promise<Map<string, number>> {
  const m = await cts.limiter.metrics();
  const longest = (ws: { windowMs: number; used: number }[]) =>
    ws.reduce((a, b) => (b.windowMs > a.windowMs ? b : a));
  return new Map(m.scopes.filter((s) => s.per === 'ip').map((s) => [s.key, longest(s.windows).used]));
}

describe('Node servers sharing the Worker limiter (HttpLimiterStore → /limiter/*)', () => {
  it("counts one server's exchange requests in the other's IP limits", async () => {
    const a = await server();
    const b = await server();
    expect((await binanceConnection(a, 'A')).state).toBe('active');
    const afterA = await ipUsed(a);
    expect(afterA.size).toBeGreaterThan(0);
    expect((await binanceConnection(b, 'B')).state).toBe('active');
    const afterB = await ipUsed(a); // read through server A
    for (const [key, used] of afterA) {
      expect(used).toBeGreaterThan(0);
      // B's requests hit the same IP scope in the Durable Object, so A now sees more than its own.
      expect(afterB.get(key)!, key).toBeGreaterThan(used);
    }
  });

  it("counts the Worker's own exchange requests in the servers' limits too", async () => {
    const a = await server();
    expect((await binanceConnection(a, 'A2')).state).toBe('active');
    const before = await ipUsed(a);
    const acct = await sim.simulator.createAccount({ exchange: 'binance', environment: 'mainnet' });
    const token = await issueToken({ secret: w.jwtSecret, sub: 'shared-test', role: 'admin', ttl: '1h' });
    const res = await fetch(`${w.url}/api/settings/connections`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'on the Worker',
        exchange: 'binance',
        api_type: 'spot',
        api_key: acct.apiKey,
        api_secret: acct.apiSecret,
      }),
    });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { connection: { id: string } }).connection.id;
    let state = '';
    for (let i = 0; i < 200 && state !== 'active'; i++) {
      const got = await fetch(`${w.url}/api/settings/connections/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      state = ((await got.json()) as { connection: { state: string } }).connection.state;
      if (state !== 'active') await new Promise((r) => setTimeout(r, 50));
    }
    expect(state).toBe('active'); // tested by the Worker, through the same Durable Objects
    const after = await ipUsed(a);
    for (const [key, used] of before) expect(after.get(key)!, key).toBeGreaterThan(used);
  });
});
