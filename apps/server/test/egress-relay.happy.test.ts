/**
 * Fixed-IP egress from the Node server: the simulator account's key is bound to the relay's address (127.0.0.2; the
 * simulator reads the socket's address, not X-Forwarded-For). Sent direct (from 127.0.0.1) the test fails with the
 * IP error and its hint; through the relay it passes, and the relay's IP is the egress IP the key audit and the
 * admin's System page use.
 */
import type { Relay } from '@cts/relay';
import { type SimulatorRelay, startSimulatorRelay } from '@cts/relay/testing';
import type { SimulatorServer } from '@cts/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSignIn } from './admin-session.ts';
import { type Harness, startHarness } from './harness.ts';

let fixture: SimulatorRelay;
let sim: SimulatorServer;
let relay: Relay;
let direct: Harness;
let relayed: Harness;

beforeAll(async () => {
  fixture = await startSimulatorRelay();
  ({ sim, relay } = fixture);
  direct = await startHarness({ sim });
  relayed = await startHarness({
    sim,
    config: { egressRelays: [fixture.egress] },
  });
});
afterAll(async () => {
  await direct?.close();
  await relayed?.close();
  await fixture?.close();
});

async function test(h: Harness, body: Record<string, unknown>) {
  const created = await h.create(body);
  expect(created.status, created.text).toBe(201);
  return h.request('POST', `/api/settings/connections/${created.json.connection.id}/test`);
}

describe('egress relay from the Node server', () => {
  for (const exchange of ['bybit', 'okx'] as const)
    it(`${exchange}: a key bound to the relay's IP fails direct with the IP error and its hint, passes through the relay`, async () => {
      const body = await fixture.boundConnection(exchange);
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
      // The key lists the relay's IP, the egress IP: not flagged.
      expect(passed.json.key_audit?.flags ?? []).not.toContain('egress_not_whitelisted');
    });

  it('bybit websocket: the private stream test goes through the relay too (a WebSocket the relay splices)', async () => {
    const body = await fixture.boundConnection('bybit', 'websocket');
    const failed = await test(direct, body);
    expect(failed.json, failed.text).toMatchObject({
      success: false,
      error: { code: 'auth.ip_not_allowed' },
    });
    const passed = await test(relayed, body);
    expect(passed.json, passed.text).toMatchObject({ success: true });
    expect(relay.metrics.render()).toMatch(/cts_relay_forwarded_total\{status="1xx"\} [1-9]/);
  });

  it('shows the relay’s IP on the admin System page, with its copy button, as the IP to bind keys to', async () => {
    const { cookie } = await adminSignIn(relayed.url, relayed.adminToken);
    const page = await (await fetch(`${relayed.url}/admin/system`, { headers: { cookie } })).text();
    expect(page).toMatch(/data-egress-ips>127\.0\.0\.2</);
    expect(page).toContain('data-copy="127.0.0.2"');
  });
});
