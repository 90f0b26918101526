import { describe, expect, it } from 'vitest';
import { createFixture, STORAGES, waitFor } from '../../test/coordinator-fixture.ts';
import type { AlertEvent } from '../alerts/alert-event.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

type Fixture = Awaited<ReturnType<typeof createFixture>>;

const events = async (f: Fixture): Promise<AlertEvent[]> =>
  (await f.storage.alerts!.pendingOutbox(100)).map((e) => e.event);
const keyEvents = async (f: Fixture) =>
  (await events(f))
    .filter((e) => e.type.startsWith('key.') || e.type === 'egress.not_whitelisted')
    .map((e) => [e.type, e.status, e.stage ?? '-']);

describe.each(STORAGES)(
  'ConnectionCoordinator key alerts from the key audit (simulator, %s storage)',
  (kind) => {
    it("raises key.expiring at the 7-day stage for an unbound Bybit key created 85 days ago, with Bybit's reason", async () => {
      const f = await createFixture({ kind });
      const body = await f.input('bybit', 'unified', { createdAt: f.clock.now() - 85 * DAY });
      const c = await f.coordinator.createConnection(body, { awaitTest: true });
      expect(c.key_audit?.days_to_expiry).toBe(5);
      const expiring = (await events(f)).find((e) => e.type === 'key.expiring');
      expect(expiring).toMatchObject({
        status: 'firing',
        severity: 'warning',
        fingerprint: `key-expiry:${c.id}`,
        stage: '7d',
        connectionId: c.id,
        until: f.clock.now() + 5 * DAY,
        hint: c.key_audit?.hint,
      });
      expect(expiring?.message).toContain('unbound key: Bybit stops it 90 days after creation');
      expect(expiring?.title).toContain('expires in 5 days');
      expect(await keyEvents(f)).toEqual([
        ['key.expiring', 'firing', '7d'],
        ['key.unbound', 'firing', '-'],
      ]);
      // A second test that finds the same audit raises nothing new.
      await f.coordinator.testConnection(c.id);
      expect(await keyEvents(f)).toHaveLength(2);
    });

    it('resolves the expiry (at the stage that fired) when a renewed key replaces the expiring one', async () => {
      const f = await createFixture({ kind });
      const old = await f.input('bybit', 'unified', { createdAt: f.clock.now() - 85 * DAY });
      const c = await f.coordinator.createConnection(old, { awaitTest: true });
      const renewed = await f.input('bybit', 'unified');
      await f.coordinator.updateConnection(c.id, {
        api_key: renewed.api_key,
        api_secret: renewed.api_secret,
      });
      await waitFor(async () => (await keyEvents(f)).length > 2);
      const resolved = (await events(f)).filter((e) => e.status === 'resolved' && e.type.startsWith('key.'));
      expect(resolved).toMatchObject([
        { type: 'key.expiring', stage: '7d', fingerprint: `key-expiry:${c.id}` },
      ]);
      expect((await f.coordinator.getConnection(c.id)).key_audit?.flags).toEqual(['unbound_trading_key']);
    });

    it('moves to the 1-day stage, then expired, on the hourly re-evaluation without calling the exchange', async () => {
      let queued = 0;
      const f = await createFixture({
        kind,
        coordinator: { healthCheckIntervalMs: 365 * DAY, onAlertsQueued: () => queued++ },
      });
      const body = await f.input('bybit', 'unified', { createdAt: f.clock.now() - 85 * DAY });
      const c = await f.coordinator.createConnection(body, { awaitTest: true });
      const sent = f.sim.stats().bybit?.total.requests;
      queued = 0;
      await f.coordinator.start();
      for (let h = 0; h < 4.5 * 24; h++) await f.clock.advance(HOUR);
      await waitFor(async () => (await keyEvents(f)).some(([, , stage]) => stage === '1d'));
      const oneDay = (await events(f)).find((e) => e.stage === '1d');
      expect(oneDay).toMatchObject({
        type: 'key.expiring',
        severity: 'critical',
        fingerprint: `key-expiry:${c.id}`,
      });
      expect(oneDay?.message).toContain('Bybit stops it 90 days after creation');
      for (let h = 0; h < 24; h++) await f.clock.advance(HOUR);
      await waitFor(async () => (await keyEvents(f)).some(([type]) => type === 'key.expired'));
      expect(await keyEvents(f)).toEqual([
        ['key.expiring', 'firing', '7d'],
        ['key.unbound', 'firing', '-'],
        ['key.expiring', 'firing', '1d'],
        ['key.expired', 'firing', 'expired'],
      ]);
      expect((await events(f)).at(-1)?.hint).toMatch(/^This key expired on /);
      expect(f.sim.stats().bybit?.total.requests).toBe(sent);
      expect(queued).toBeGreaterThan(0);
    });

    it('raises egress.not_whitelisted for a key whose IP list lacks the egress IP, and resolves it when a new key has it', async () => {
      const f = await createFixture({ kind, coordinator: { egressIps: ['198.51.100.7'] } });
      const body = await f.input('okx', 'spot', { ipWhitelist: ['127.0.0.1', '203.0.113.9'] });
      const c = await f.coordinator.createConnection(body, { awaitTest: true });
      expect(c.state).toBe('active');
      const egress = (await events(f)).find((e) => e.type === 'egress.not_whitelisted');
      expect(egress).toMatchObject({
        status: 'firing',
        severity: 'critical',
        fingerprint: `egress.not_whitelisted:${c.id}`,
        hint: c.key_audit?.hint,
      });
      expect(egress?.hint).toContain('198.51.100.7');
      expect(egress?.message).toContain('203.0.113.9');

      const next = await f.input('okx', 'spot', { ipWhitelist: ['127.0.0.1', '198.51.100.7'] });
      await f.coordinator.updateConnection(c.id, {
        api_key: next.api_key,
        api_secret: next.api_secret,
        api_passphrase: next.api_passphrase,
      });
      await waitFor(async () => (await keyEvents(f)).some(([, status]) => status === 'resolved'));
      const resolved = (await events(f)).filter(
        (e) => e.status === 'resolved' && e.type.startsWith('egress.'),
      );
      expect(resolved).toMatchObject([{ connectionId: c.id, fingerprint: `egress.not_whitelisted:${c.id}` }]);
      expect((await f.coordinator.getConnection(c.id)).key_audit?.flags).toEqual([]);
    });

    it('raises key.wrong_region for an OKX EEA key entered as global, resolved once the region is set', async () => {
      const f = await createFixture({ kind });
      const c = await f.coordinator.createConnection(await f.input('okx', 'spot', { region: 'eea' }), {
        awaitTest: true,
      });
      const wrong = (await events(f)).find((e) => e.type === 'key.wrong_region');
      expect(wrong).toMatchObject({
        status: 'firing',
        severity: 'critical',
        fingerprint: `key.wrong_region:${c.id}`,
        hint: 'This key belongs to OKX EEA: set region eea.',
      });
      await f.coordinator.updateConnection(c.id, { region: 'eea' });
      await waitFor(async () => (await f.coordinator.getConnection(c.id)).state === 'active');
      expect((await keyEvents(f)).filter(([type]) => type === 'key.wrong_region')).toEqual([
        ['key.wrong_region', 'firing', '-'],
        ['key.wrong_region', 'resolved', '-'],
      ]);
    });
  },
);
