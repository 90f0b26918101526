/**
 * Durable delivery across kill -9: a connection goes to error (its alert written to the outbox in the same write),
 * the server sends it to a receiver that never answers, and is killed (-9) mid-delivery. Started again over the
 * same database, it sends the alert again once the dead process's claim lease passes — with the same idempotency
 * key, so the receiver drops nothing and duplicates nothing — and records it delivered once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SimulatorServer, startSimulatorServer } from '@cts/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from './alert-receiver.ts';
import { childApi } from './child-api.ts';
import { startChildServer } from './child-server.ts';
import type { Json } from './harness.ts';

let sim: SimulatorServer;
let rx: Receiver;
let dir: string;
beforeAll(async () => {
  sim = await startSimulatorServer({ port: 0 });
  rx = await startReceiver();
  dir = mkdtempSync(join(tmpdir(), 'cts-alerts-restart-'));
});
afterAll(async () => {
  await rx.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('alert delivery across a crash', () => {
  it('delivers once after kill -9 mid-delivery and a restart', { timeout: 120_000 }, async () => {
    const { env, call } = await childApi({
      dir,
      simUrl: sim.url,
      label: 'crash',
      env: { CTS_ALERT_ALLOW_HOSTS: '127.0.0.1', CTS_ALERT_LEASE_MS: '1500' },
    });
    const account = await sim.simulator.createAccount({ exchange: 'bybit', environment: 'mainnet' });

    const first = await startChildServer('node', env);
    rx.script.push('hang');
    let connectionId: string;
    try {
      const channel = await call(first.url, 'POST', '/api/settings/alerts/channels', {
        name: 'Crash hook',
        type: 'webhook',
        url: `${rx.url}/crash`,
        events: ['connection.error'],
      });
      expect(channel.status).toBe(201);
      const created = await call(first.url, 'POST', '/api/settings/connections', {
        name: 'Crashing',
        exchange: 'bybit',
        api_type: 'spot',
        api_key: account.apiKey,
        api_secret: 'not-the-secret',
      });
      expect(created.status).toBe(201);
      connectionId = created.json.connection.id;
      await rx.waitFor(1); // the alert is on the wire; the receiver holds it
    } finally {
      first.child.kill('SIGKILL');
      await first.exited;
    }
    expect(rx.received).toHaveLength(1);

    const second = await startChildServer('node', env);
    try {
      const [lost, again] = await rx.waitFor(2);
      expect(again!.headers['x-cts-idempotency-key']).toBe(lost!.headers['x-cts-idempotency-key']);
      expect(again!.json).toMatchObject({
        type: 'connection.error',
        kind: 'alert',
        connection_id: connectionId!,
      });
      expect(again!.json.id).toBe(lost!.json.id);
      const deadline = Date.now() + 20_000;
      let deliveries: Json[] = [];
      for (;;) {
        deliveries = (await call(second.url, 'GET', '/api/settings/alerts/deliveries')).json.deliveries;
        if (deliveries[0]?.status === 'delivered' || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]).toMatchObject({
        status: 'delivered',
        attempts: 1,
        kind: 'alert',
        type: 'connection.error',
      });
      await new Promise((r) => setTimeout(r, 2000)); // a further lease: nothing is sent a third time
      expect(rx.received).toHaveLength(2);
    } finally {
      await second.stop();
    }
  });
});
