/**
 * The key audit over HTTP: stored with the connection (list and get), in the test reply, in health (with the
 * maintenance field), and as seconds to expiry in /metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.ts';

const DAY = 86_400_000;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { egressIps: ['198.51.100.7'], metricsPerConnection: true } });
});
afterAll(() => h.close());

async function connect(account: Parameters<Harness['sim']['simulator']['createAccount']>[0]) {
  const a = await h.sim.simulator.createAccount(account);
  const created = await h.create({
    name: `${account.exchange} audited`,
    exchange: account.exchange,
    api_type: 'spot',
    api_key: a.apiKey,
    api_secret: a.apiSecret,
    ...(a.passphrase ? { api_passphrase: a.passphrase } : {}),
  });
  expect(created.status).toBe(201);
  const id: string = created.json.connection.id;
  await h.waitForState(id, 'active');
  return id;
}

describe('key audit over the API', () => {
  it('returns key_audit in the test reply, the connection and the list, and keyAudit plus maintenance in health', async () => {
    const id = await connect({ exchange: 'bybit', createdAt: Date.now() - 85 * DAY });
    const test = await h.request('POST', `/api/settings/connections/${id}/test`);
    expect(test.status).toBe(200);
    expect(test.json.key_audit).toMatchObject({
      ip_bound: false,
      days_to_expiry: 5,
      expiry_reason: 'unbound key: Bybit stops it 90 days after creation',
      flags: ['unbound_trading_key', 'expires_soon'],
    });
    expect(test.json.warnings).toContain(test.json.key_audit.hint);
    const got = await h.request('GET', `/api/settings/connections/${id}`);
    expect(got.json.connection.key_audit.days_to_expiry).toBe(5);
    const list = await h.request('GET', '/api/settings/connections');
    const listed = list.json.connections.find((c: { id: string }) => c.id === id);
    expect(listed.key_audit.hint).toContain('expires in 5 days');
    const health = await h.request('GET', `/api/settings/connections/health?id=${id}`);
    expect(health.json.connections[0]).toMatchObject({
      keyAudit: { days_to_expiry: 5 },
      maintenance: null,
      keyExpiresAt: got.json.connection.key_audit.expires_at,
    });

    const metrics = await h.request('GET', '/metrics', { token: h.viewerToken });
    const line = metrics.text
      .split('\n')
      .find((l) => l.startsWith(`cts_key_expiry_seconds{connection_id="${id}"`));
    const seconds = Number(line?.split(' ').pop());
    expect(seconds).toBeGreaterThan(4.9 * 86_400);
    expect(seconds).toBeLessThanOrEqual(5 * 86_400);
    expect(metrics.text).toMatch(/cts_key_audit_flags\{flag="expires_soon"\} [1-9]/);
    const soonest = metrics.text
      .split('\n')
      .find((l) => l.startsWith('cts_key_expiry_min_seconds{exchange="bybit"}'));
    expect(Number(soonest?.split(' ').pop())).toBe(seconds);
  });

  it('flags a key whose IP list lacks the server’s egress IP while the exchange still accepts it', async () => {
    const id = await connect({ exchange: 'okx', ipWhitelist: ['127.0.0.1'] });
    const got = await h.request('GET', `/api/settings/connections/${id}`);
    expect(got.json.connection.state).toBe('active');
    expect(got.json.connection.key_audit).toMatchObject({
      ip_bound: true,
      ips: ['127.0.0.1'],
      flags: ['egress_not_whitelisted'],
    });
    expect(got.json.connection.key_audit.hint).toContain('198.51.100.7');
  });
});
