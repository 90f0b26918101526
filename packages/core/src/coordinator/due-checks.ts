import type { ConnectionRecord } from '../connections/connection.ts';
import type { RuntimeRegistry } from './connection-runtime.ts';
import { needsHealthCheck } from './outcome-policy.ts';

/** Which connections a round of health checks covers. */
export interface DueOptions {
  /** The time the round runs at (epoch ms). */
  now: number;
  /** A connection checked more recently than this is not due. @default 0 (every connection that needs a check) */
  minAgeMs?: number;
}

/**
 * The connections due for a health check, least recently checked first (never-checked ones lead; ties by id): those
 * that need one (`needsHealthCheck`: active, in error for a reason other than credentials, a breaker-paused one
 * whose probe is due) and were not checked within `minAgeMs`. One rule for the timer on a server and the Cron
 * Trigger on a Worker.
 */
export function dueForHealthCheck(
  records: ConnectionRecord[],
  registry: RuntimeRegistry,
  o: DueOptions,
): ConnectionRecord[] {
  const minAgeMs = o.minAgeMs ?? 0;
  if (!Number.isFinite(minAgeMs) || minAgeMs < 0) throw new TypeError('minAgeMs: must be a number >= 0');
  const due: { record: ConnectionRecord; last: number }[] = [];
  for (const record of records) {
    const rt = registry.get(record.id);
    if (!needsHealthCheck(record, rt.breaker.state)) continue;
    const last = rt.health.stats(o.now).lastCheckAt ?? 0;
    if (o.now - last >= minAgeMs) due.push({ record, last });
  }
  due.sort((a, b) => a.last - b.last || (a.record.id < b.record.id ? -1 : 1));
  return due.map((d) => d.record);
}
