import type { BatchProcessor } from '../batch/batch-processor.ts';
import { CircuitBreaker } from '../breaker/circuit-breaker.ts';
import type { ConnectionRecord } from '../connections/connection.ts';
import type { BatchJob, TaskType } from '../storage/ports.ts';
import type { RuntimeRegistry } from './connection-runtime.ts';
import type { ResolvedCoordinatorOptions } from './options.ts';

export interface RecoveryReport {
  /** Connections whose health aggregates were rebuilt from stored samples. */
  connections: number;
  samples: number;
  /** Breakers re-opened for connections the breaker had paused. */
  breakersRestored: number;
  resumedBatches: number;
  resumedTasks: number;
  /** Batches whose unfinished tasks were marked interrupted (stale health rounds, expired batches). */
  interruptedBatches: number;
  /** Connections left in `testing` by the previous process, tested again. */
  retested: number;
}

interface RecoveryDeps {
  options: ResolvedCoordinatorOptions;
  registry: RuntimeRegistry;
  processor: BatchProcessor;
  submit: (records: ConnectionRecord[], type: TaskType, priority: number) => Promise<BatchJob>;
  scheduleProbe: (id: string, at: number) => void;
}

/**
 * What a start does after a stop or a crash:
 * 1. rebuilds each connection's health aggregates from the samples of the uptime window (clock offset and key
 *    expiry from its last test);
 * 2. re-opens the breaker of a paused connection whose last `failureThreshold` samples failed (the breaker paused
 *    it), with its probe one cool-down after the last failure;
 * 3. resumes unfinished batches (their queued tasks run again); stale health rounds and expired batches are marked
 *    interrupted instead;
 * 4. re-tests connections left in `testing` that no resumed batch covers.
 */
export async function recover(d: RecoveryDeps): Promise<RecoveryReport> {
  const { storage, clock, breaker: breakerOptions, uptimeWindowMs, logger } = d.options;
  const now = clock.now();
  const report: RecoveryReport = {
    connections: 0,
    samples: 0,
    breakersRestored: 0,
    resumedBatches: 0,
    resumedTasks: 0,
    interruptedBatches: 0,
    retested: 0,
  };
  const records = await storage.connections.list();
  const byId = new Map(records.map((r) => [r.id, r]));
  for (const r of records) {
    const samples = await storage.healthSamples.listSince(r.id, now - uptimeWindowMs);
    if (samples.length === 0) continue;
    const health = d.registry.resetHealth(r.id);
    for (const s of samples) health.record(s);
    // Clock offset and key expiry are not in samples: take them from the last test.
    const last = (await storage.testResults.listByConnection(r.id, 1))[0]?.result;
    if (last?.clockOffsetMs !== undefined) health.clockOffsetMs = last.clockOffsetMs;
    if (last?.permissions) health.keyExpiresAt = last.permissions.expiresAt;
    report.connections++;
    report.samples += samples.length;
    const stats = health.stats(now);
    if (
      r.state === 'paused' &&
      stats.consecutiveErrors >= breakerOptions.failureThreshold &&
      stats.lastCheckAt
    ) {
      const nextProbeAt = stats.lastCheckAt + breakerOptions.cooldownMs;
      const snapshot = {
        state: 'open' as const,
        failures: stats.consecutiveErrors,
        openedAt: stats.lastCheckAt,
        nextProbeAt,
      };
      d.registry.setBreaker(r.id, new CircuitBreaker({ clock, ...breakerOptions, snapshot }));
      d.scheduleProbe(r.id, nextProbeAt);
      report.breakersRestored++;
    }
  }

  const covered = new Set<string>();
  for (const job of await storage.batches.unfinished()) {
    if (job.type === 'health' || job.expiresAt <= now) {
      for (const t of await storage.batches.tasks(job.id))
        if (t.status === 'queued' || t.status === 'running')
          await storage.batches.saveTask({
            ...t,
            status: 'interrupted',
            finishedAt: now,
            error: { code: 'aborted', message: 'Interrupted: the process stopped before this task ran' },
          });
      await storage.batches.setStatus(job.id, 'interrupted', now);
      report.interruptedBatches++;
      continue;
    }
    const resumed = await d.processor.resume(job, (id) => byId.get(id)?.exchange ?? 'unknown');
    if (job.type === 'test') for (const id of job.connectionIds) covered.add(id);
    report.resumedBatches++;
    report.resumedTasks += resumed;
  }

  const stuck = records.filter((r) => r.state === 'testing' && !covered.has(r.id));
  if (stuck.length > 0) {
    await d.submit(stuck, 'test', 5);
    report.retested = stuck.length;
  }
  logger.info('coordinator recovered', { ...report });
  return report;
}
