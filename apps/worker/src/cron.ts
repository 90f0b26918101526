import type { BatchSummary, ConnectionCoordinator } from '@cts/core';
import { needsHealthCheck } from '@cts/core';

export interface CronTickOptions {
  /** Health checks this invocation runs (Workers cap subrequests per invocation). @default 10 */
  maxTasks?: number;
  /** A connection checked more recently than this is not due. @default 240000 */
  minAgeMs?: number;
  now: number;
  /** Run the hourly purge (expired batches, old samples and test results). @default false */
  purge?: boolean;
}

export interface CronTickReport {
  due: number;
  checked: number;
  /** Due connections left for the next tick (oldest check first). */
  remaining: number;
  summary: BatchSummary | null;
  purged: { batches: number; samples: number; testResults: number } | null;
}

/**
 * One Cron Trigger invocation (every 5 minutes): checks at most `maxTasks` due connections, least recently checked
 * first, as one health batch. Progress lives in D1: each check stores a health sample, which the next invocation's
 * recovery reads back, so connections left over are the oldest ones next time and no connection starves.
 */
export async function runCronTick(
  coordinator: ConnectionCoordinator,
  o: CronTickOptions,
): Promise<CronTickReport> {
  const maxTasks = o.maxTasks ?? 10;
  if (!Number.isInteger(maxTasks) || maxTasks < 1 || maxTasks > 50)
    throw new TypeError('maxTasks: must be an integer in 1..50');
  const minAgeMs = o.minAgeMs ?? 240_000;
  const records = await coordinator.getAllConnections();
  const lastCheck = new Map(
    (await coordinator.getHealth()).connections.map((h) => [
      h.connectionId,
      h.lastCheckTime ? Date.parse(h.lastCheckTime) : 0,
    ]),
  );
  const due: { id: string; last: number }[] = [];
  for (const r of records) {
    if (!needsHealthCheck(r, coordinator.breakerSnapshot(r.id).state)) continue;
    const last = lastCheck.get(r.id) ?? 0;
    if (o.now - last >= minAgeMs) due.push({ id: r.id, last });
  }
  due.sort((a, b) => a.last - b.last || (a.id < b.id ? -1 : 1));
  const ids = due.slice(0, maxTasks).map((d) => d.id);
  const summary =
    ids.length > 0 ? await coordinator.testConnections(ids, { testType: 'health', priority: -1 }) : null;
  const purged = o.purge ? await coordinator.purge() : null;
  return { due: due.length, checked: ids.length, remaining: due.length - ids.length, summary, purged };
}
