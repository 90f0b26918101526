import { describe, expect, it } from 'vitest';
import { createFixture, STORAGES, waitFor } from '../../test/coordinator-fixture.ts';
import { EXCHANGES } from '../exchanges/catalog.ts';

describe.each(STORAGES)('ConnectionCoordinator crash recovery (%s storage)', (kind) => {
  it('resumes a batch whose process died mid-way: finished rows kept, unfinished tasks run, nothing half-written', async () => {
    const f = await createFixture({
      kind,
      coordinator: { connectorTimeoutMs: 600_000, batchConcurrency: 1 },
    });
    const ids: string[] = [];
    for (const exchange of EXCHANGES)
      for (let i = 0; i < 2; i++)
        ids.push((await f.coordinator.createConnection({ ...(await f.input(exchange)), enabled: false })).id);
    // OKX answers; every other exchange hangs, so the process "dies" with work in flight and queued.
    f.sim.setFaults({
      faults: EXCHANGES.filter((e) => e !== 'okx').map((exchange) => ({
        kind: 'hang' as const,
        exchange,
        ms: 600_000,
      })),
    });
    const job = await f.coordinator.startBatch(ids, { type: 'balance' });
    await waitFor(async () => (await f.coordinator.getBatch(job.id)).done === 2);
    const before = await f.storage.batches.tasks(job.id);
    expect(before.filter((t) => t.status === 'succeeded')).toHaveLength(2);
    expect(before.filter((t) => t.status === 'queued')).toHaveLength(10);
    // Every row is either untouched (queued) or final, with its result: never a partial row.
    for (const t of before)
      if (t.status === 'succeeded') expect(t).toMatchObject({ finishedAt: expect.any(Number), error: null });
      else expect(t).toMatchObject({ status: 'queued', startedAt: null, result: null });

    // A new process on the same storage; the exchanges are back.
    f.sim.setFaults({ faults: [] });
    const next = f.build();
    const report = await next.start();
    expect(report).toMatchObject({ resumedBatches: 1, resumedTasks: 10, interruptedBatches: 0 });
    await waitFor(async () => (await next.getBatch(job.id)).job.status === 'completed');
    const after = await next.getBatch(job.id);
    expect(after.tasks.every((t) => t.status === 'succeeded')).toBe(true);
    expect(
      after.tasks.filter((t, i) => t.finishedAt === before[i]?.finishedAt && t.status === 'succeeded'),
    ).toHaveLength(2);
    await next.stop();
  });

  it('marks an unfinished health round interrupted and re-tests a connection left in testing', async () => {
    const f = await createFixture({ kind, coordinator: { connectorTimeoutMs: 600_000 } });
    const a = await f.coordinator.createConnection(await f.input('bybit'), { awaitTest: true });
    f.sim.setFaults({ faults: [{ kind: 'hang', exchange: 'bingx', ms: 600_000 }] });
    const b = await f.coordinator.createConnection(await f.input('bingx'));
    expect(b.state).toBe('testing');
    const round = await f.coordinator.runHealthChecks();
    expect(round).not.toBeNull();
    await waitFor(async () => (await f.coordinator.getBatch(round!.id)).done === 1);
    // Make the round unfinished as a killed process leaves it: a second connection's check never written.
    await f.storage.batches.create({ ...round!, id: 'round-2', connectionIds: [a.id], status: 'running' });
    // A connection enabled just before the kill, its test not yet queued.
    const c = await f.coordinator.createConnection({ ...(await f.input('pionex')), enabled: false });
    await f.storage.connections.update(c.id, { state: 'testing' }, { now: f.clock.now() });

    f.sim.setFaults({ faults: [] });
    const next = f.build();
    const report = await next.start();
    // b's test batch is resumed; c, under test with no batch, is re-tested; the health round is dropped.
    expect(report).toMatchObject({ interruptedBatches: 1, resumedBatches: 1, resumedTasks: 1, retested: 1 });
    expect((await next.getBatch('round-2')).tasks[0]).toMatchObject({
      status: 'interrupted',
      error: { code: 'aborted' },
    });
    expect((await next.getBatch('round-2')).job.status).toBe('interrupted');
    await waitFor(async () => (await next.getConnection(b.id)).state === 'active');
    await waitFor(async () => (await next.getConnection(c.id)).state === 'active');
    await next.stop();
  });

  it('restores the breaker of a connection it had paused, from the stored samples, and probes it on time', async () => {
    const f = await createFixture({ kind });
    const c = await f.coordinator.createConnection(await f.input('okx'), { awaitTest: true });
    f.sim.setFaults({ faults: [{ kind: 'error', exchange: 'okx', status: 502 }] });
    for (let i = 0; i < 3; i++) await f.coordinator.getBalance(c.id).catch(() => {});
    expect((await f.coordinator.getConnection(c.id)).state).toBe('paused');
    const openedAt = f.clock.now();
    await f.coordinator.stop();

    await f.clock.advance(30_000);
    const next = f.build();
    const report = await next.start();
    expect(report).toMatchObject({ connections: 1, samples: 4, breakersRestored: 1 });
    const h = await next.getConnectionHealth(c.id);
    expect(h).toMatchObject({ errorCount: 3, successCount: 0, state: 'paused', breaker: { state: 'open' } });
    expect(h.breaker.nextProbeAt).toBe(new Date(openedAt + 60_000).toISOString());
    await expect(next.getBalance(c.id)).rejects.toMatchObject({ code: 'circuit_open', retryAfterMs: 30_000 });
    f.sim.setFaults({ faults: [] });
    await f.clock.advance(30_000);
    await waitFor(async () => (await next.getConnection(c.id)).state === 'active');
    expect((await next.getConnectionHealth(c.id)).clockOffsetMs).toBe(0);
    await next.stop();
  });
});
