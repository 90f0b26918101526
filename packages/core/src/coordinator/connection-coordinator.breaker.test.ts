import { describe, expect, it } from 'vitest';
import { createFixture, STORAGES, waitFor } from '../../test/coordinator-fixture.ts';
import type { CtsError } from '../errors/cts-error.ts';

type Fixture = Awaited<ReturnType<typeof createFixture>>;

async function healthRound(f: Fixture): Promise<void> {
  const job = await f.coordinator.runHealthChecks();
  if (!job) throw new Error('no health round started');
  await waitFor(async () => (await f.coordinator.getBatch(job.id)).job.status === 'completed');
}

const requests = (f: Fixture, exchange: 'bybit' | 'pionex') => f.sim.stats()[exchange]?.total.requests ?? 0;

describe.each(STORAGES)(
  'ConnectionCoordinator circuit breaker (simulator faults, ManualClock) (%s storage)',
  (kind) => {
    it('pauses after 3 failed checks, refuses calls while open, probes once after the cool-down, and recovers', async () => {
      const f = await createFixture({ kind });
      const c = await f.coordinator.createConnection(await f.input('bybit', 'unified'), { awaitTest: true });
      expect(c.state).toBe('active');
      f.sim.setFaults({ faults: [{ kind: 'error', exchange: 'bybit', status: 503 }] });

      await healthRound(f);
      await healthRound(f);
      expect((await f.coordinator.getConnection(c.id)).state).toBe('active');
      await healthRound(f);
      const paused = await f.coordinator.getConnectionHealth(c.id);
      expect(paused).toMatchObject({ state: 'paused', errorCount: 3, healthy: false });
      expect(paused.breaker.state).toBe('open');
      const openedAt = f.clock.now();
      expect(paused.breaker.nextProbeAt).toBe(new Date(openedAt + 60_000).toISOString());

      // While open nothing is sent.
      const before = requests(f, 'bybit');
      const refused = await f.coordinator.testConnection(c.id);
      expect(refused).toMatchObject({ success: false, error: { code: 'circuit_open' } });
      await expect(f.coordinator.getBalance(c.id)).rejects.toMatchObject({ code: 'circuit_open' });
      expect(requests(f, 'bybit')).toBe(before);
      expect(await f.coordinator.runHealthChecks()).toBeNull();

      // The probe after the cool-down still fails: open again for a fresh cool-down.
      await f.clock.advance(59_999);
      expect(requests(f, 'bybit')).toBe(before);
      await f.clock.advance(1);
      await waitFor(() => requests(f, 'bybit') > before);
      await waitFor(async () => (await f.coordinator.getConnectionHealth(c.id)).errorCount === 4);
      const reopened = await f.coordinator.getConnectionHealth(c.id);
      expect(reopened.breaker).toMatchObject({ state: 'open' });
      expect(reopened.breaker.nextProbeAt).toBe(new Date(openedAt + 120_000).toISOString());
      expect(reopened.state).toBe('paused');

      // The exchange recovers: the next probe succeeds and the connection is active again.
      f.sim.setFaults({ faults: [] });
      await f.clock.advance(60_000);
      await waitFor(async () => (await f.coordinator.getConnection(c.id)).state === 'active');
      const healthy = await f.coordinator.getConnectionHealth(c.id);
      expect(healthy).toMatchObject({
        healthy: true,
        errorCount: 0,
        successCount: 1,
        breaker: { state: 'closed' },
      });
    });

    it('an operator pause is not undone by a passing test; resume closes the breaker', async () => {
      const f = await createFixture({ kind });
      const c = await f.coordinator.createConnection(await f.input('bybit', 'spot'), { awaitTest: true });
      await f.coordinator.applyAction(c.id, 'pause');
      expect((await f.coordinator.testConnection(c.id)).success).toBe(true);
      expect((await f.coordinator.getConnection(c.id)).state).toBe('paused');
      expect(await f.coordinator.runHealthChecks()).toBeNull();
    });

    it('a ban opens the breaker at once with the ban as the cool-down, exactly', async () => {
      const f = await createFixture({ kind });
      const c = await f.coordinator.createConnection(await f.input('pionex', 'spot'), { awaitTest: true });
      expect(c.state).toBe('active');
      // Pionex allows 10 weight/s per account; the 11th call in the same second is refused with a 60 s ban.
      let banned: CtsError | undefined;
      for (let i = 0; i < 12 && !banned; i++)
        await f.coordinator.getBalance(c.id).catch((e: CtsError) => {
          banned = e;
        });
      expect(banned?.code).toBe('banned');
      const h = await f.coordinator.getConnectionHealth(c.id);
      expect(h.state).toBe('paused');
      expect(h.breaker.state).toBe('open');
      expect(Date.parse(h.breaker.nextProbeAt!) - f.clock.now()).toBe(60_000);
      const sent = requests(f, 'pionex');
      await expect(f.coordinator.getBalance(c.id)).rejects.toMatchObject({
        code: 'circuit_open',
        retryAfterMs: 60_000,
      });
      expect(requests(f, 'pionex')).toBe(sent);
      expect(f.sim.stats().pionex?.total.rateLimitViolations).toBe(1);
      await f.clock.advance(60_000);
      await waitFor(async () => (await f.coordinator.getConnection(c.id)).state === 'active');
    });

    it('sends rejected credentials to error at once: no retries, breaker untouched', async () => {
      const f = await createFixture({ kind, coordinator: { connectorMaxRetries: 2 } });
      const body = await f.input('okx', 'spot');
      const c = await f.coordinator.createConnection(
        { ...body, api_passphrase: 'wrong-passphrase' },
        { awaitTest: true },
      );
      expect(c.state).toBe('error');
      expect(c.last_error?.code).toBe('auth.passphrase');
      const okx = f.sim.stats().okx?.total;
      expect(okx?.rejections.bad_passphrase).toBe(1);
      const h = await f.coordinator.getConnectionHealth(c.id);
      expect(h.breaker.state).toBe('closed');
      expect(f.coordinator.breakerSnapshot(c.id).failures).toBe(0);
      // Auth errors wait for the operator: no periodic checks.
      expect(await f.coordinator.runHealthChecks()).toBeNull();
    });
  },
);
