import { describe, expect, it } from 'vitest';
import { createFixture, STORAGES } from '../../test/coordinator-fixture.ts';
import type { LifecycleEvent } from '../keys/key-events.ts';

const DAY = 86_400_000;

/** A fixture that records lifecycle events, with the egress IPs given. */
async function fixture(kind: (typeof STORAGES)[number], egressIps: string[] = []) {
  const events: LifecycleEvent[] = [];
  const f = await createFixture({
    kind,
    coordinator: { egressIps, onLifecycleEvent: (e) => events.push(e) },
  });
  return { ...f, events };
}

describe.each(STORAGES)('ConnectionCoordinator key audit against the simulator (%s storage)', (kind) => {
  it('shows an unbound Bybit key created 85 days ago as expiring in 5 days, with the reason', async () => {
    const f = await fixture(kind);
    const body = await f.input('bybit', 'unified', { createdAt: f.clock.now() - 85 * DAY });
    const c = await f.coordinator.createConnection(body, { awaitTest: true });
    expect(c.state).toBe('active');
    expect(c.key_audit).toMatchObject({
      ip_bound: false,
      ips: [],
      days_to_expiry: 5,
      expires_at: new Date(f.clock.now() + 5 * DAY).toISOString(),
      expiry_reason: 'unbound key: Bybit stops it 90 days after creation',
      flags: ['unbound_trading_key', 'expires_soon'],
    });
    expect(c.key_audit?.hint).toContain('expires in 5 days');
    expect(c.key_audit?.hint).toContain('Bybit stops it 90 days after creation');
    const test = await f.coordinator.testConnection(c.id);
    expect(test.keyAudit?.days_to_expiry).toBe(5);
    expect(test.warnings).toContain(test.keyAudit?.hint);
    expect((await f.coordinator.getConnectionHealth(c.id)).keyAudit?.days_to_expiry).toBe(5);
    expect(events(f.events)).toEqual(['key.unbound_trading', 'key.expiring:7']);
  });

  it('re-evaluates stored audits as days pass, without calling the exchange, and raises each tier once', async () => {
    const f = await fixture(kind);
    const body = await f.input('bybit', 'unified', { createdAt: f.clock.now() - 85 * DAY });
    const c = await f.coordinator.createConnection(body, { awaitTest: true });
    const sent = f.sim.stats().bybit?.total.requests;
    f.events.length = 0;
    await f.clock.advance(DAY);
    expect(await f.coordinator.reevaluateKeyAudits()).toBe(1);
    expect((await f.coordinator.getConnection(c.id)).key_audit?.days_to_expiry).toBe(4);
    expect(events(f.events)).toEqual([]); // still the 7-day tier
    await f.clock.advance(3.5 * DAY);
    await f.coordinator.reevaluateKeyAudits();
    expect((await f.coordinator.getConnection(c.id)).key_audit?.days_to_expiry).toBe(1);
    expect(events(f.events)).toEqual(['key.expiring:1']);
    await f.clock.advance(DAY);
    await f.coordinator.reevaluateKeyAudits();
    const expired = (await f.coordinator.getConnection(c.id)).key_audit;
    expect(expired?.flags).toContain('expired');
    expect(expired?.hint).toMatch(/^This key expired on /);
    expect(events(f.events)).toEqual(['key.expiring:1', 'key.expired']);
    expect(await f.coordinator.reevaluateKeyAudits()).toBe(0);
    expect(f.sim.stats().bybit?.total.requests).toBe(sent);
    // The simulator stops the key too, as Bybit does: the next test fails on the key.
    expect((await f.coordinator.testConnection(c.id)).success).toBe(false);
  });

  it('warns that an unrestricted Binance trading key will be deleted', async () => {
    const f = await fixture(kind);
    const c = await f.coordinator.createConnection(await f.input('binance', 'spot'), { awaitTest: true });
    expect(c.state).toBe('active');
    const audit = c.key_audit;
    expect(audit).toMatchObject({ ip_bound: false, ips: null, days_to_expiry: 30 });
    expect(audit?.flags).toEqual(['unbound_trading_key']);
    expect(audit?.expiry_reason).toContain('deletes such keys');
    expect(audit?.expires_at).toBe(new Date(f.clock.now() + 30 * DAY).toISOString());
    expect(audit?.hint).toMatch(/deletes such keys.*bind it to the server’s egress IPs/);
  });

  it('flags an IP-bound key whose list lacks the egress IP while the exchange still accepts it', async () => {
    const f = await fixture(kind, ['198.51.100.7']);
    for (const exchange of ['bybit', 'okx', 'bingx'] as const) {
      const body = await f.input(exchange, 'spot', { ipWhitelist: ['127.0.0.1', '203.0.113.9'] });
      const c = await f.coordinator.createConnection(body, { awaitTest: true });
      expect(c.state, exchange).toBe('active');
      expect(c.key_audit, exchange).toMatchObject({
        ip_bound: true,
        ips: ['127.0.0.1', '203.0.113.9'],
        flags: ['egress_not_whitelisted'],
      });
      expect(c.key_audit?.hint).toContain('198.51.100.7');
    }
    expect(f.events.map((e) => e.type)).toEqual([
      'key.egress_not_whitelisted',
      'key.egress_not_whitelisted',
      'key.egress_not_whitelisted',
    ]);
  });

  it('says the audit is unknown where the exchange publishes no key info (Pionex)', async () => {
    const f = await fixture(kind, ['198.51.100.7']);
    const c = await f.coordinator.createConnection(await f.input('pionex', 'spot'), { awaitTest: true });
    expect(c.key_audit).toMatchObject({
      ip_bound: null,
      ips: null,
      permissions: null,
      expires_at: null,
      flags: [],
    });
    expect(c.key_audit?.hint).toContain('Pionex reports neither');
  });
});

function events(list: LifecycleEvent[]): string[] {
  return list.map((e) => ('days' in e && e.days !== undefined ? `${e.type}:${e.days}` : e.type));
}
