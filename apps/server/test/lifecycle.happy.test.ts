/**
 * SIGTERM during a batch: the host stops, parks the running tasks (interrupted) and exits 0 within the grace; the
 * next start over the same database finds the batch finished or interrupted, with nothing left queued or running.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SimulatorServer, startSimulatorServer } from '@cts/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childApi } from './child-api.ts';
import { startChildServer } from './child-server.ts';
import type { Json } from './harness.ts';

let sim: SimulatorServer;
let dir: string;
beforeAll(async () => {
  sim = await startSimulatorServer({ port: 0 });
  dir = mkdtempSync(join(tmpdir(), 'cts-lifecycle-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('shutdown and restart', () => {
  it('parks a running batch on SIGTERM, exits 0, and the next start finds nothing left running', {
    timeout: 60_000,
  }, async () => {
    const { env, call } = await childApi({
      dir,
      simUrl: sim.url,
      label: 'life',
      env: { CTS_SHUTDOWN_GRACE_MS: '300' },
    });

    const first = await startChildServer('node', env);
    let batchId: string;
    try {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const a = await sim.simulator.createAccount({ exchange: 'bybit', environment: 'mainnet' });
        const created = await call(first.url, 'POST', '/api/settings/connections', {
          name: `slow ${i}`,
          exchange: 'bybit',
          api_type: 'spot',
          api_key: a.apiKey,
          api_secret: a.apiSecret,
          enabled: false,
        });
        ids.push(created.json.connection.id);
      }
      sim.simulator.setFaults({ faults: [{ kind: 'latency', latency: { type: 'fixed', ms: 5000 } }] });
      const started = await call(first.url, 'POST', '/api/settings/connections/batches', {
        connectionIds: ids,
      });
      expect(started.status).toBe(202);
      batchId = started.json.batchId;
      const deadline = Date.now() + 10_000;
      while (
        (await call(first.url, 'GET', `/api/settings/connections/batches/${batchId}`)).json.batch.status !==
        'running'
      ) {
        if (Date.now() > deadline) throw new Error('batch did not start');
        await new Promise((r) => setTimeout(r, 20));
      }
      const t0 = Date.now();
      expect(await first.stop()).toBe(0);
      expect(Date.now() - t0).toBeLessThan(4000); // parked after the grace, not waiting out the 5 s replies
      expect(first.output()).toContain('"msg":"stopped"');
    } finally {
      await first.stop(1000);
    }

    sim.simulator.setFaults({ faults: [] });
    const second = await startChildServer('node', env);
    try {
      const deadline = Date.now() + 15_000;
      let status = '';
      for (;;) {
        status = (await call(second.url, 'GET', `/api/settings/connections/batches/${batchId}`)).json.batch
          .status;
        if (status !== 'queued' && status !== 'running') break;
        if (Date.now() > deadline) throw new Error(`batch stayed ${status}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(['completed', 'interrupted']).toContain(status);
      const view = (await call(second.url, 'GET', `/api/settings/connections/batches/${batchId}`)).json;
      expect(view.tasks.filter((t: Json) => t.status === 'queued' || t.status === 'running')).toEqual([]);
      expect(view.tasks.some((t: Json) => t.status === 'interrupted' || t.status === 'succeeded')).toBe(true);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});
