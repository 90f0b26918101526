/**
 * The limiter's windows survive a restart (#12 item 4): a load run fills most of an account's minute at the
 * simulator (seed profile: Bybit 10/s, 120/min per account), the server is killed (-9) or stopped (SIGTERM) and
 * started again over the same database, and a second load run must wait for the minute instead of bursting into
 * it — the simulator counts 0 rate-limit violations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SimulatorServer, startSimulatorServer } from '@cts/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childApi } from './child-api.ts';
import { type ChildServer, startChildServer } from './child-server.ts';

let sim: SimulatorServer;
let dir: string;
beforeAll(async () => {
  sim = await startSimulatorServer({ port: 0, profile: 'seed' });
  dir = mkdtempSync(join(tmpdir(), 'cts-limiter-restart-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

async function scenario(name: string, restart: (server: ChildServer) => Promise<unknown>) {
  const { env, call } = await childApi({ dir, simUrl: sim.url, label: 'restart', dbFile: `${name}.db` });
  const account = await sim.simulator.createAccount({ exchange: 'bybit', environment: 'mainnet' });
  const stats = () => sim.simulator.stats().bybit?.keys[account.id];
  const test = async (base: string, id: string) => {
    const r = await call(base, 'POST', `/api/settings/connections/${id}/test`);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    return r.json;
  };

  const first = await startChildServer('node', env);
  let id: string;
  try {
    const created = await call(first.url, 'POST', '/api/settings/connections', {
      name: 'restart',
      exchange: 'bybit',
      api_type: 'spot',
      api_key: account.apiKey,
      api_secret: account.apiSecret,
      enabled: false,
    });
    expect(created.status).toBe(201);
    id = created.json.connection.id;
    // Load run 1: most of the account's 120 requests per minute.
    while ((stats()?.accepted ?? 0) < 100) await test(first.url, id);
  } finally {
    await restart(first);
  }
  const second = await startChildServer('node', env);
  try {
    // Load run 2: more than the minute has left; without the saved windows it starts at once, at 10/s.
    const before = stats()!.accepted;
    while (stats()!.accepted < before + 30) await test(second.url, id);
  } finally {
    await second.stop();
  }
  expect(stats()!.rateLimitViolations).toBe(0);
  expect(stats()!.rejections).toEqual({});
}

describe('rate-limit windows across a restart', () => {
  it('keeps 0 violations at the simulator when the server is killed (-9) between two load runs', {
    timeout: 180_000,
  }, async () => {
    await scenario('kill', async (server) => {
      server.child.kill('SIGKILL');
      await server.exited;
    });
  });

  it('keeps 0 violations at the simulator when the server stops gracefully between two load runs', {
    timeout: 180_000,
  }, async () => {
    await scenario('stop', (server) => server.stop());
  });
});
