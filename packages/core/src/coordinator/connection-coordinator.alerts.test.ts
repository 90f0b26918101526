import { describe, expect, it } from 'vitest';
import { createFixture, STORAGES, waitFor } from '../../test/coordinator-fixture.ts';

type Fixture = Awaited<ReturnType<typeof createFixture>>;

async function healthRound(f: Fixture): Promise<void> {
  const job = await f.coordinator.runHealthChecks();
  if (!job) throw new Error('no health round started');
  await waitFor(async () => (await f.coordinator.getBatch(job.id)).job.status === 'completed');
}

const outbox = async (f: Fixture) =>
  (await f.storage.alerts!.pendingOutbox(100)).map((e) => [
    e.event.type,
    e.event.status,
    e.event.fingerprint,
  ]);

describe.each(STORAGES)('ConnectionCoordinator alerts (simulator, ManualClock) (%s storage)', (kind) => {
  it('writes connection.error with rejected credentials, with the reason and hint, in the state write', async () => {
    let queued = 0;
    const f = await createFixture({ kind, coordinator: { onAlertsQueued: () => queued++ } });
    const input = await f.input('okx', 'spot');
    const c = await f.coordinator.createConnection(
      { ...input, api_secret: 'wrong-secret' },
      { awaitTest: true },
    );
    expect(c.state).toBe('error');
    const [entry] = await f.storage.alerts!.pendingOutbox(10);
    expect(entry!.event).toMatchObject({
      type: 'connection.error',
      status: 'firing',
      severity: 'critical',
      fingerprint: `connection:${c.id}`,
      exchange: 'okx',
      connectionId: c.id,
    });
    expect(entry!.event.message).toMatch(/^auth\./);
    expect(entry!.event.hint).toBeTruthy();
    expect(JSON.stringify(entry!.event)).not.toContain('wrong-secret');
    expect(queued).toBeGreaterThan(0);
  });

  it('raises paused + breaker opened after 3 failures, then recovered + breaker closed on the probe', async () => {
    const f = await createFixture({ kind });
    const c = await f.coordinator.createConnection(await f.input('bybit', 'unified'), { awaitTest: true });
    // The simulator's key can trade and is bound to no IP: flagged once, with the test that saw it.
    expect(await outbox(f)).toEqual([
      ['connection.error', 'resolved', `connection:${c.id}`],
      ['key.unbound', 'firing', `key.unbound:${c.id}`],
    ]);
    f.sim.setFaults({ faults: [{ kind: 'error', exchange: 'bybit', status: 503 }] });
    for (let i = 0; i < 3; i++) await healthRound(f);
    expect((await outbox(f)).slice(2)).toEqual([
      ['connection.paused', 'firing', `connection:${c.id}`],
      ['breaker.opened', 'firing', `breaker:${c.id}`],
    ]);
    f.sim.setFaults({ faults: [] });
    await f.clock.advance(60_000);
    await waitFor(async () => (await f.coordinator.getConnection(c.id)).state === 'active');
    expect((await outbox(f)).slice(4)).toEqual([
      ['connection.error', 'resolved', `connection:${c.id}`],
      ['breaker.opened', 'resolved', `breaker:${c.id}`],
    ]);
  });

  it('raises nothing when alerts are turned off (alerts: null)', async () => {
    const f = await createFixture({ kind, coordinator: { alerts: null } });
    const input = await f.input('okx', 'spot');
    await f.coordinator.createConnection({ ...input, api_secret: 'wrong-secret' }, { awaitTest: true });
    expect(await outbox(f)).toEqual([]);
  });

  it('raises exchange.maintenance when an announced window starts, with its end', async () => {
    const f = await createFixture({ kind });
    const c = await f.coordinator.createConnection(await f.input('bybit', 'unified'), { awaitTest: true });
    expect(c.state).toBe('active');
    const end = f.clock.now() + 30 * 60_000;
    f.sim.setFaults({
      faults: [{ kind: 'maintenance', exchange: 'bybit', fromMs: f.clock.now(), untilMs: end }],
    });
    await healthRound(f);
    await waitFor(async () => (await outbox(f)).some(([type]) => type === 'exchange.maintenance'));
    const entry = (await f.storage.alerts!.pendingOutbox(100)).find(
      (e) => e.event.type === 'exchange.maintenance',
    );
    expect(entry!.event).toMatchObject({
      status: 'firing',
      fingerprint: 'maintenance:bybit',
      exchange: 'bybit',
      until: end,
    });
  });
});
