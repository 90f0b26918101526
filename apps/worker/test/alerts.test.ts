/**
 * Alerts on the Worker, in real workerd over D1: the dispatcher runs from each request's waitUntil (no timers). A
 * connection going to error reaches a receiver on loopback (CTS_ALERT_ALLOW_HOSTS), and so does a test alert.
 */
import { type SimulatorServer, startSimulatorServer } from '@cts/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from '../../server/test/alert-receiver.ts';
import { type AdminCall, adminCall } from './admin-call.ts';
import { startWorker, type WorkerUnderTest } from './harness.ts';

let sim: SimulatorServer;
let rx: Receiver;
let w: WorkerUnderTest;
let call: AdminCall;

beforeAll(async () => {
  sim = await startSimulatorServer({ port: 0 });
  rx = await startReceiver();
  w = await startWorker({ vars: { CTS_EXCHANGE_BASE_URL: sim.url, CTS_ALERT_ALLOW_HOSTS: '127.0.0.1' } });
  call = await adminCall(w, 'worker-alerts');
});
afterAll(async () => {
  await w?.close();
  await rx?.close();
  await sim?.close();
});

describe('alerts on the Worker', () => {
  it('sends a connection error alert and a test alert from waitUntil', { timeout: 60_000 }, async () => {
    const channel = await call('POST', '/api/settings/alerts/channels', {
      name: 'Worker hook',
      type: 'webhook',
      url: `${rx.url}/worker`,
    });
    expect(channel.status).toBe(201);
    const a = await sim.simulator.createAccount({ exchange: 'bybit', environment: 'mainnet' });
    const created = await call('POST', '/api/settings/connections', {
      name: 'Broken',
      exchange: 'bybit',
      api_type: 'spot',
      api_key: a.apiKey,
      api_secret: 'not-the-secret',
    });
    expect(created.status).toBe(201);
    const [alert] = await rx.waitFor(1);
    expect(alert!.json).toMatchObject({ type: 'connection.error', kind: 'alert', exchange: 'bybit' });
    expect(alert!.raw).not.toContain('not-the-secret');
    const test = await call('POST', `/api/settings/alerts/channels/${channel.json.channel.id}/test`);
    expect(test.status).toBe(202);
    const got = await rx.waitFor(2);
    expect(got[1]!.headers['x-cts-idempotency-key']).toBe(test.json.delivery_id);
    expect(got[1]!.headers['x-cts-signature']).toMatch(/^[0-9a-f]{64}$/);
  });
});
