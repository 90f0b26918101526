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
  w = await startWorker();
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

/** Used weight of the per-IP buckets (one IP: 'default') the limiter has seen. */
async function ipUsed(cts: Cts): Promise<Map<string, number>> {
  const m = await cts.limiter.metrics();
  return new Map(m.scopes.filter((s) => s.per === 'ip').map((s) => [s.key, s.windows[0]!.used]));
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
});
