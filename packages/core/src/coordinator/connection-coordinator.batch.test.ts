import { describe, expect, it } from 'vitest';
import { createFixture, STORAGES, waitFor } from '../../test/coordinator-fixture.ts';
import { QueueFullError, ValidationError } from '../errors/domain.ts';
import { EXCHANGES } from '../exchanges/catalog.ts';
import type { BatchProgressEvent } from './types.ts';

describe.each(STORAGES)('ConnectionCoordinator batches (%s storage)', (kind) => {
  it('tests connections over the six exchanges into the seed-shaped summary, with progress events', async () => {
    const f = await createFixture({ kind });
    const ids: string[] = [];
    for (const exchange of EXCHANGES)
      ids.push((await f.coordinator.createConnection({ ...(await f.input(exchange)), enabled: false })).id);
    const bad = await f.input('bingx');
    const badId = (
      await f.coordinator.createConnection({ ...bad, api_secret: 'wrong-secret', enabled: false })
    ).id;

    const job = await f.coordinator.startBatch([...ids, badId], { type: 'test' });
    const events: BatchProgressEvent[] = [];
    f.coordinator.onBatchProgress(job.id, (e) => events.push(e));
    await waitFor(() => events.some((e) => e.type === 'done'));
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('no done event');
    expect(done.summary).toMatchObject({ success: true, totalConnections: 7, successful: 6, failed: 1 });
    for (const id of ids)
      expect(done.summary.results[id]).toMatchObject({ success: true, balance: expect.any(Number) });
    expect(done.summary.results[badId]).toMatchObject({ success: false, code: 'auth.invalid_signature' });
    expect(events.filter((e) => e.type === 'task').map((e) => (e.type === 'task' ? e.done : 0))).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);

    const view = await f.coordinator.getBatch(job.id);
    expect(view).toMatchObject({ done: 7, total: 7, job: { status: 'completed', type: 'test' } });
    // Testing a disabled connection records the result but never moves its state.
    expect((await f.coordinator.getConnection(ids[0]!)).state).toBe('disabled');

    const summary = await f.coordinator.testConnections(ids.slice(0, 2), { testType: 'all' });
    expect(summary).toMatchObject({ success: true, totalConnections: 2, successful: 2, failed: 0 });
    expect(summary.duration).toBeGreaterThanOrEqual(0);
  });

  it('runs balance and capabilities batches', async () => {
    const f = await createFixture({ kind });
    const id = (await f.coordinator.createConnection(await f.input('binance'), { awaitTest: true })).id;
    const balance = await f.coordinator.testConnections([id], { testType: 'balance' });
    expect(balance.results[id]).toMatchObject({ success: true, balance: expect.any(Number) });
    const caps = await f.coordinator.testConnections([id], { testType: 'capabilities' });
    expect(caps.results[id]).toEqual({ success: true });
    const rows = (await f.coordinator.getBatch(caps.batchId)).tasks;
    expect(rows[0]?.result).toMatchObject({ read: true, withdraw: false });
  });

  it('answers an unknown id with its own "not found" result, the others tested', async () => {
    const f = await createFixture({ kind });
    const id = (await f.coordinator.createConnection(await f.input('binance'), { awaitTest: true })).id;
    const summary = await f.coordinator.testConnections([id, 'missing']);
    expect(summary).toMatchObject({ totalConnections: 2, successful: 1, failed: 1 });
    expect(summary.results[id]).toMatchObject({ success: true });
    expect(summary.results['missing']).toMatchObject({
      success: false,
      code: 'not_found',
      error: 'connection missing does not exist',
    });
  });

  it('refuses a batch that would queue more than maxQueuedTasks with QueueFullError', async () => {
    const f = await createFixture({ kind, coordinator: { maxQueuedTasks: 2 } });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await f.coordinator.createConnection({ ...(await f.input('okx')), enabled: false })).id);
    const err = await f.coordinator.startBatch(ids).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueueFullError);
    expect((err as QueueFullError).retryAfterMs).toBeGreaterThan(0);
    expect(await f.storage.batches.list()).toEqual([]);
    expect((await f.coordinator.testConnections(ids.slice(0, 2))).totalConnections).toBe(2);
  });

  it('runs a health round before the queued tasks of a client batch (health is never starved)', async () => {
    const f = await createFixture({ kind, coordinator: { batchConcurrency: 1 } });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await f.coordinator.createConnection(await f.input('bybit'), { awaitTest: true })).id);
    const order: string[] = [];
    const job = await f.coordinator.startBatch(ids, { priority: 10 });
    f.coordinator.onBatchProgress(job.id, (e) => {
      if (e.type === 'task') order.push('client');
    });
    const health = await f.coordinator.runHealthChecks();
    expect(health).not.toBeNull();
    f.coordinator.onBatchProgress(health!.id, (e) => {
      if (e.type === 'task') order.push('health');
    });
    await waitFor(() => order.length === 6);
    // At most the client task already running finishes first; then the whole health round.
    expect(order.slice(1, 4)).toEqual(['health', 'health', 'health']);
  });

  it('refuses more than maxBatchSize connections and empty lists', async () => {
    const f = await createFixture({ kind, coordinator: { maxBatchSize: 3 } });
    const ids = ['a', 'b', 'c', 'd'];
    const err = await f.coordinator.startBatch(ids).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({ field: 'connectionIds', rule: 'at most 3 connections per batch' });
    await expect(f.coordinator.startBatch([])).rejects.toThrow(ValidationError);
    await expect(f.coordinator.getBatch('nope')).rejects.toThrow(/batch nope does not exist/);
  });

  it('purges batch results after the TTL through the hourly job', async () => {
    const f = await createFixture({ kind });
    await f.coordinator.start();
    const id = (await f.coordinator.createConnection(await f.input('okx'), { awaitTest: true })).id;
    const s = await f.coordinator.testConnections([id]);
    await f.clock.advance(3_600_000);
    await waitFor(async () => (await f.storage.batches.get(s.batchId)) === null);
    await f.coordinator.stop();
  });
});

describe.each(STORAGES)('ConnectionCoordinator health and status (%s storage)', (kind) => {
  it('reports per-connection metrics and the seed-shaped summary and system status', async () => {
    const f = await createFixture({
      kind,
      coordinator: { limiterUsage: (exchange) => (exchange === 'bybit' ? 42.5 : 0) },
    });
    const a = await f.coordinator.createConnection(
      // IP-bound: Bybit's 90-day rule for unbound keys does not apply, the key's own expiry shows.
      await f.input('bybit', 'unified', { expiresAt: Date.UTC(2027, 0, 1), ipWhitelist: ['127.0.0.1'] }),
      {
        awaitTest: true,
      },
    );
    const b = await f.coordinator.createConnection(await f.input('okx'), { awaitTest: true });
    await f.coordinator.createConnection({ ...(await f.input('bingx')), enabled: false });
    await f.coordinator.start();
    // Five-minute checks: b fails once in the second round.
    await f.clock.advance(300_000);
    await waitFor(async () => (await f.coordinator.getConnectionHealth(b.id)).successCount === 2);
    await waitFor(async () => (await f.coordinator.getConnectionHealth(a.id)).successCount === 2);
    f.sim.setFaults({ faults: [{ kind: 'error', exchange: 'okx', status: 500, count: 1 }] });
    await f.clock.advance(300_000);
    await waitFor(async () => (await f.coordinator.getConnectionHealth(b.id)).errorCount === 1);
    await waitFor(async () => (await f.coordinator.getConnectionHealth(a.id)).totalRequests === 3);

    const ha = await f.coordinator.getConnectionHealth(a.id);
    expect(ha).toMatchObject({
      state: 'active',
      healthy: true,
      errorCount: 0,
      successCount: 3,
      totalRequests: 3,
      uptime: 100,
      successRate: 100,
      rateLimitUsage: 42.5,
      keyExpiresAt: '2027-01-01T00:00:00.000Z',
      clockOffsetMs: 0,
      lastCheckTime: new Date(f.clock.now()).toISOString(),
    });
    expect(ha.p95ResponseTime).toBeGreaterThanOrEqual(0);
    const hb = await f.coordinator.getConnectionHealth(b.id);
    expect(hb).toMatchObject({
      healthy: false,
      errorCount: 1,
      totalRequests: 3,
      successRate: 66.67,
      state: 'active',
    });

    const report = await f.coordinator.getHealth();
    expect(report.summary).toEqual({
      totalConnections: 3,
      activeConnections: 2,
      healthyConnections: 1,
      errorConnections: 0,
      averageUptime: expect.stringMatching(/^\d+\.\d\d$/),
      totalRequests: 6,
      successRate: 83.33,
    });
    expect(
      (await f.coordinator.getHealth({ exchange: 'okx' })).connections.map((c) => c.connectionId),
    ).toEqual([b.id]);

    const status = await f.coordinator.getSystemStatus();
    expect(status).toMatchObject({
      status: 'degraded',
      connections: { total: 3, active: 2, byExchange: { bybit: 1, okx: 1, bingx: 1 } },
      health: { healthy: 1, unhealthy: 1 },
      metrics: { totalRequests: 6, successRate: '83.33' },
      batch: { queueLength: 0, activeTasks: 0 },
      features: { rateLimiting: 'disabled', batchProcessing: 'enabled', healthMonitoring: 'enabled' },
    });
    expect(status.metrics.averageResponseTime).toMatch(/^\d+\.\d\d$/);
    await f.coordinator.stop();
    expect((await f.coordinator.getSystemStatus()).features.healthMonitoring).toBe('disabled');
  });
});
