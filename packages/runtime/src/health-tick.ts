import type { BatchSummary, ConnectionCoordinator } from '@cts/core';

export interface HealthTickOptions {
  /** Health checks this tick runs (Workers cap subrequests per invocation). @default 10 */
  maxTasks?: number;
  /** A connection checked more recently than this is not due. @default 240000 */
  minAgeMs?: number;
  /** The tick's time (epoch ms). */
  now: number;
  /** Run the hourly jobs: purge (expired batches, old samples and test results), key-audit re-evaluation. @default false */
  purge?: boolean;
}

export interface HealthTickReport {
  due: number;
  checked: number;
  /** Due connections left for the next tick (oldest check first). */
  remaining: number;
  summary: BatchSummary | null;
  purged: { batches: number; samples: number; testResults: number } | null;
  /** Stored key audits the hourly re-evaluation changed (null when it did not run). */
  keyAudits: number | null;
}

/**
 * One externally driven round of health checks (a Worker's Cron Trigger, every 5 minutes): at most `maxTasks` of
 * the connections the coordinator finds due (its dueForHealthCheck, the rule the server's timer uses too), least
 * recently checked first, as one health batch. Progress lives in storage: each check stores a health sample, which
 * the next invocation's recovery reads back, so connections left over are the oldest ones next time.
 */
export async function runHealthTick(
  coordinator: Pick<
    ConnectionCoordinator,
    'dueForHealthCheck' | 'testConnections' | 'purge' | 'reevaluateKeyAudits'
  >,
  o: HealthTickOptions,
): Promise<HealthTickReport> {
  const maxTasks = o.maxTasks ?? 10;
  if (!Number.isInteger(maxTasks) || maxTasks < 1 || maxTasks > 50)
    throw new TypeError('maxTasks: must be an integer in 1..50');
  const due = await coordinator.dueForHealthCheck({ now: o.now, minAgeMs: o.minAgeMs ?? 240_000 });
  const ids = due.slice(0, maxTasks);
  const summary =
    ids.length > 0 ? await coordinator.testConnections(ids, { testType: 'health', priority: -1 }) : null;
  const purged = o.purge ? await coordinator.purge() : null;
  const keyAudits = o.purge ? await coordinator.reevaluateKeyAudits() : null;
  return {
    due: due.length,
    checked: ids.length,
    remaining: due.length - ids.length,
    summary,
    purged,
    keyAudits,
  };
}
