/**
 * Fixed-IP egress from the Worker in real workerd: the simulator account's key is bound to the relay's address
 * (127.0.0.2; the simulator reads the socket's address). The Worker sends from 127.0.0.1: direct, the test fails with
 * the IP error and its hint; with CTS_EGRESS_RELAYS the same key passes through the relay, private stream included.
 */
import type { Relay } from '@cts/relay';
import { type SimulatorRelay, startSimulatorRelay } from '@cts/relay/testing';
import type { SimulatorServer } from '@cts/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCall } from './admin-call.ts';
import { startWorker, type WorkerUnderTest } from './harness.ts';

let fixture: SimulatorRelay;
let sim: SimulatorServer;
let relay: Relay;
let direct: WorkerUnderTest;
let relayed: WorkerUnderTest;

beforeAll(async () => {
  fixture = await startSimulatorRelay();
  ({ sim, relay } = fixture);
  direct = await startWorker({ vars: { CTS_EXCHANGE_BASE_URL: sim.url } });
  relayed = await startWorker({
    vars: {
      CTS_EXCHANGE_BASE_URL: sim.url,
      CTS_EGRESS_RELAYS: JSON.stringify([fixture.egress]),
    },
  });
});
afterAll(async () => {
  await direct?.close();
  await relayed?.close();
  await fixture?.close();
});

async function call(w: WorkerUnderTest, method: string, path: string, body?: unknown) {
  return (await adminCall(w, 'relay-test'))(method, path, body);
}

async function test(w: WorkerUnderTest, body: Record<string, unknown>) {
  const created = await call(w, 'POST', '/api/settings/connections', body);
  expect(created.status, created.text).toBe(201);
  return call(w, 'POST', `/api/settings/connections/${created.json.connection.id}/test`);
}

describe('egress relay from the Worker (workerd)', () => {
  for (const [exchange, apiType] of [
    ['bybit', 'spot'],
    ['okx', 'spot'],
    ['bybit', 'websocket'],
  ] as const)
    it(`${exchange} ${apiType}: a key bound to the relay's IP fails direct with the IP error and its hint, passes through the relay`, async () => {
      const body = await fixture.boundConnection(exchange, apiType);
      const failed = await test(direct, body);
      expect(failed.json, failed.text).toMatchObject({
        success: false,
        error: { code: 'auth.ip_not_allowed', hint: expect.stringMatching(/IP whitelist/) },
      });

      const forwarded = relay.metrics.forwardedCount();
      const passed = await test(relayed, body);
      expect(passed.status, passed.text).toBe(200);
      expect(passed.json, passed.text).toMatchObject({ success: true });
      expect(relay.metrics.forwardedCount()).toBeGreaterThan(forwarded);
      expect(passed.json.key_audit?.flags ?? []).not.toContain('egress_not_whitelisted');
      // The stream test's WebSocket went through the relay too (workerd's WebSocket client, spliced by the relay).
      if (apiType === 'websocket')
        expect(relay.metrics.render()).toMatch(/cts_relay_forwarded_total\{status="1xx"\} [1-9]/);
    });
});
