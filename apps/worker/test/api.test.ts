import { type SimulatorServer, startSimulatorServer } from '@cts/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminCall, adminCall } from './admin-call.ts';
import { startWorker, type WorkerUnderTest } from './harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: replies are inspected freely
type Json = any;

let sim: SimulatorServer;
let w: WorkerUnderTest;
let call: AdminCall;

beforeAll(async () => {
  sim = await startSimulatorServer({ port: 0 });
  // The simulator is the exchange: workerd's outbound fetch goes to it on loopback.
  w = await startWorker({
    vars: {
      CTS_EXCHANGE_BASE_URL: sim.url,
      CTS_CRON_MAX_TASKS: '2',
      CTS_CRON_MIN_AGE_MS: '0',
      CTS_LIMITER_LOCATION: 'apac',
    },
  });
  call = await adminCall(w, 'worker-test');
});
afterAll(async () => {
  await w?.close();
  await sim?.close();
});

async function account(exchange: 'binance' | 'bybit' | 'okx', name: string) {
  const a = await sim.simulator.createAccount({ exchange, environment: 'mainnet' });
  return {
    name,
    exchange,
    api_type: 'spot',
    api_key: a.apiKey,
    api_secret: a.apiSecret,
    ...(a.passphrase ? { api_passphrase: a.passphrase } : {}),
  };
}

async function waitForState(id: string, state: string): Promise<Json> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const r = await call('GET', `/api/settings/connections/${id}`);
    if (r.json?.connection?.state === state) return r.json.connection;
    if (Date.now() > deadline)
      throw new Error(`connection ${id} is ${r.json?.connection?.state}, expected ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the API served by the Worker (D1, Durable Object limiter, simulator as the exchange)', () => {
  it('creates, tests, lists and reports health and status', async () => {
    const input = await account('bybit', 'Bybit main');
    const created = await call('POST', '/api/settings/connections', input);
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.connection.id;
    expect(JSON.stringify(created.json)).not.toContain(input.api_secret);
    expect(JSON.stringify(created.json)).not.toContain(input.api_key);
    // The background test finishes after the reply (ctx.waitUntil), and the connection becomes active.
    expect(await waitForState(id, 'active')).toMatchObject({ last_test_success: true, is_active: true });

    const tested = await call('POST', `/api/settings/connections/${id}/test`);
    expect(tested.status).toBe(200);
    expect(tested.json).toMatchObject({ success: true, connection: { id, state: 'active' } });
    expect(typeof tested.json.balance).toBe('number');

    const listed = await call('GET', '/api/settings/connections?exchange=bybit');
    expect(listed.json).toMatchObject({ success: true, count: 1 });
    expect(listed.json.connections[0].id).toBe(id);

    const health = await call('GET', '/api/settings/connections/health');
    expect(health.status).toBe(200);
    const mine = health.json.connections.find((c: Json) => c.connectionId === id);
    expect(mine).toMatchObject({ state: 'active', healthy: true });
    expect(mine.totalRequests).toBeGreaterThanOrEqual(2);
    // The limiter's usage of this connection's account scope (its Durable Object windows), not the default 0.
    expect(mine.rateLimitUsage).toBeGreaterThan(0);

    const status = await call('GET', '/api/system/status');
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({ connections: { total: 1, active: 1 } });
    expect(status.json.features).toMatchObject({ rateLimiting: 'enabled', healthMonitoring: 'enabled' });
  });

  it('refuses requests without a token and serves the admin sign-in page with bundled htmx', async () => {
    const bare = await fetch(`${w.url}/api/settings/connections`);
    expect(bare.status).toBe(401);
    const login = await fetch(`${w.url}/admin/login`);
    expect(login.status).toBe(200);
    const htmx = await fetch(`${w.url}/admin/assets/htmx.min.js`);
    expect(htmx.status).toBe(200);
    expect((await htmx.text()).length).toBeGreaterThan(10_000);
  });

  it('checks at most CTS_CRON_MAX_TASKS connections per cron tick, least recently checked first', async () => {
    const ids: string[] = [];
    for (const [i, ex] of (['binance', 'okx', 'bybit'] as const).entries()) {
      const c = await call('POST', '/api/settings/connections', await account(ex, `cron ${i}`));
      ids.push(c.json.connection.id);
      await waitForState(c.json.connection.id, 'active');
    }
    const lastChecks = async () => {
      const h = await call('GET', '/api/settings/connections/health');
      return new Map<string, string>(h.json.connections.map((c: Json) => [c.connectionId, c.lastCheckTime]));
    };
    const before = await lastChecks();
    const worker = await w.mf.getWorker();
    await worker.scheduled({ cron: '*/5 * * * *', scheduledTime: new Date(Date.now() + 1000) });
    const after = await lastChecks();
    const advanced = [...after].filter(([id, t]) => t !== before.get(id));
    expect(advanced).toHaveLength(2); // 4 connections due, 2 per tick
    await worker.scheduled({ cron: '*/5 * * * *', scheduledTime: new Date(Date.now() + 2000) });
    const third = await lastChecks();
    expect([...third].filter(([id, t]) => t !== after.get(id))).toHaveLength(2);
    // Between the two ticks every connection was checked at least once: nobody starves.
    expect([...third].every(([id, t]) => t !== before.get(id))).toBe(true);
  });
});

describe('a Worker that cannot start', () => {
  it('answers 503 without echoing its configuration when a secret is missing', async () => {
    const broken = await startWorker({ vars: { CTS_JWT_SECRET: 'too-short-secret-value' } });
    try {
      const res = await fetch(`${broken.url}/api/settings/connections`);
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(text).toContain('unavailable');
      expect(text).not.toContain('too-short-secret-value');
    } finally {
      await broken.close();
    }
  });
});
