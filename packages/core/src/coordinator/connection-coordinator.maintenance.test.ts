import { describe, expect, it } from 'vitest';
import { createFixture, STORAGES, waitFor } from '../../test/coordinator-fixture.ts';
import { CtsError } from '../errors/cts-error.ts';
import type { LifecycleEvent } from '../keys/key-events.ts';
import type { FetchLike } from '../ports/fetch.ts';

type Fixture = Awaited<ReturnType<typeof createFixture>>;

async function healthRound(f: Fixture): Promise<void> {
  const job = await f.coordinator.runHealthChecks();
  if (!job) throw new Error('no health round started');
  await waitFor(async () => (await f.coordinator.getBatch(job.id)).job.status === 'completed');
}

/** A fixture whose coordinator counts status-endpoint reads and records lifecycle events. */
async function fixture(kind: (typeof STORAGES)[number], maintenanceStatus = true) {
  const events: LifecycleEvent[] = [];
  const statusReads: string[] = [];
  let simFetch: FetchLike | undefined;
  const counting: FetchLike = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.includes('/system/status')) statusReads.push(url);
    return (simFetch as FetchLike)(input, init);
  };
  const f = await createFixture({
    kind,
    coordinator: { fetch: counting, maintenanceStatus, onLifecycleEvent: (e) => events.push(e) },
  });
  simFetch = f.sim.fetch;
  return { ...f, events, statusReads };
}

describe.each(STORAGES)('ConnectionCoordinator maintenance windows (%s storage)', (kind) => {
  it('keeps a Bybit connection out of the breaker during an announced window, says so in health, and rechecks at its end', async () => {
    const f = await fixture(kind);
    const c = await f.coordinator.createConnection(await f.input('bybit', 'unified'), { awaitTest: true });
    expect(c.state).toBe('active');
    expect(f.statusReads).toEqual([]); // nothing failing, nothing announced: no status reads
    const before = (await f.coordinator.getConnectionHealth(c.id)).totalRequests;
    const end = f.clock.now() + 30 * 60_000;
    f.sim.setFaults({
      faults: [{ kind: 'maintenance', exchange: 'bybit', fromMs: f.clock.now(), untilMs: end }],
    });

    for (let i = 0; i < 4; i++) await healthRound(f);
    const h = await f.coordinator.getConnectionHealth(c.id);
    expect(h).toMatchObject({
      state: 'active',
      breaker: { state: 'closed' },
      totalRequests: before,
      maintenance: { exchange: 'bybit', until: new Date(end).toISOString() },
    });
    expect(h.maintenance?.message).toMatch(/^maintenance until /);
    // Four failing rounds at one instant: the status endpoint was read once (at most once a minute).
    expect(f.statusReads).toHaveLength(1);
    expect(f.statusReads[0]).toContain('/bybit/v5/system/status');
    const maintenanceEvents = () => f.events.map((e) => e.type).filter((t) => t.startsWith('maintenance.'));
    expect(maintenanceEvents()).toEqual(['maintenance.started']);

    // The window ends: the connection is rechecked then, passes, and health no longer says maintenance.
    const checks = h.lastCheckTime;
    await f.clock.advance(30 * 60_000);
    await waitFor(async () => (await f.coordinator.getConnectionHealth(c.id)).lastCheckTime !== checks);
    await waitFor(async () => (await f.coordinator.getConnectionHealth(c.id)).successCount > 0);
    const after = await f.coordinator.getConnectionHealth(c.id);
    expect(after).toMatchObject({ state: 'active', maintenance: null, errorCount: 0 });
    expect(maintenanceEvents()).toEqual(['maintenance.started', 'maintenance.ended']);
  });

  it('counts the same failures toward the breaker when status reads are off (control)', async () => {
    const f = await fixture(kind, false);
    const c = await f.coordinator.createConnection(await f.input('bybit', 'unified'), { awaitTest: true });
    f.sim.setFaults({ faults: [{ kind: 'maintenance', exchange: 'bybit', fromMs: f.clock.now() }] });
    for (let i = 0; i < 3; i++) await healthRound(f);
    expect(await f.coordinator.getConnectionHealth(c.id)).toMatchObject({
      state: 'paused',
      breaker: { state: 'open' },
      maintenance: null,
    });
    expect(f.statusReads).toEqual([]);
  });

  it('reads Binance and OKX status too, and keeps BingX failures counting (no status endpoint)', async () => {
    const f = await fixture(kind);
    const ids: Record<string, string> = {};
    for (const ex of ['binance', 'okx', 'bingx'] as const)
      ids[ex] = (await f.coordinator.createConnection(await f.input(ex, 'spot'), { awaitTest: true })).id;
    f.sim.setFaults({
      faults: [{ kind: 'maintenance', fromMs: f.clock.now(), untilMs: f.clock.now() + 600_000 }],
    });
    for (let i = 0; i < 3; i++) await healthRound(f);
    const state = async (ex: string) =>
      (await f.coordinator.getConnectionHealth(ids[ex] as string)).breaker.state;
    expect([await state('binance'), await state('okx'), await state('bingx')]).toEqual([
      'closed',
      'closed',
      'open',
    ]);
    const binance = await f.coordinator.getConnectionHealth(ids.binance as string);
    expect(binance.maintenance).toMatchObject({ exchange: 'binance', until: null });
    expect((await f.coordinator.getConnectionHealth(ids.okx as string)).maintenance?.until).toBe(
      new Date(f.clock.now() + 600_000).toISOString(),
    );
  });
});

describe('ConnectionCoordinator and Binance -1007', () => {
  it('does not count an unknown outcome (-1007) toward the breaker or uptime', async () => {
    let failBalance = false;
    const f = await createFixture({
      coordinator: {
        createConnector: (options) => {
          // The simulator has no -1007 fault: the real connector, with its balance call answering as Binance does.
          const real = createConnectorFor(options);
          return {
            ...real,
            syncClock: real.syncClock,
            getServerTime: real.getServerTime,
            getPermissions: real.getPermissions,
            testConnection: real.testConnection,
            get clockOffsetMs() {
              return real.clockOffsetMs;
            },
            getBalance: () =>
              failBalance
                ? Promise.reject(
                    new CtsError(
                      'timeout',
                      'Binance: Timeout waiting for response from backend server. (-1007)',
                      {
                        exchangeCode: -1007,
                      },
                    ),
                  )
                : real.getBalance(),
          };
        },
      },
    });
    const c = await f.coordinator.createConnection(await f.input('binance', 'spot'), { awaitTest: true });
    const before = (await f.coordinator.getConnectionHealth(c.id)).totalRequests;
    failBalance = true;
    for (let i = 0; i < 4; i++) await healthRound(f);
    expect(await f.coordinator.getConnectionHealth(c.id)).toMatchObject({
      state: 'active',
      breaker: { state: 'closed' },
      totalRequests: before,
    });
  });
});

import { createConnector as createConnectorFor } from '../connectors/create-connector.ts';
