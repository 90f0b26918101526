import type { LimiterSaveMark, SavedScope } from './limiter-state-repo.ts';
import type { BucketRule } from './rules/types.ts';
import { SlidingLog } from './sliding-log.ts';

export interface RestoreContext {
  /** The previous process's last save. */
  mark: LimiterSaveMark;
  /** Epoch ms at which this process loaded the save (it was certainly dead by then). */
  restartAt: number;
  /** Longest a request stays in flight: entries this close to the save may have been counted later. */
  inFlightMs: number;
}

/**
 * Rebuilds a scope's log from the previous process's save, never counting less than the exchange may still count.
 *
 * Settled entries (older than `savedAt - inFlightMs`: their replies came, so they sit at the time the exchange
 * counted them or later) are restored as they are. The rest is unknown: entries still in flight at the save (the
 * exchange may count them up to their arrival) and, after a crash, whatever was admitted between the last save and
 * the kill. A clean stop admits nothing after its save: its recent entries all move to `savedAt`. After a crash the
 * kill came at the latest at `T = min(savedAt + 2 × intervalMs, restartAt)`; everything the exchange counted since
 * `T − W` fits in the window W, so the unknown part is at most `limit − settled entries after T − W`: one entry of
 * that cost (the largest over the windows) at `T` covers it, and the window refills only as the real one does.
 * Only scopes that changed in the last period get that entry: the first change of a scope idle (or absent) at the
 * previous save triggers a save at once, so an idle row (`saved.savedAt` before the mark) lost nothing but that
 * write's few milliseconds, and is restored like a clean one.
 */
export function restoreScope(
  rule: BucketRule,
  saved: SavedScope,
  { mark, restartAt, inFlightMs }: RestoreContext,
): SlidingLog {
  const lostAt = lostAtOf(saved, { mark, restartAt, inFlightMs });
  const savedAt = lostAt !== undefined ? Math.min(saved.savedAt, mark.savedAt) : saved.savedAt;
  const settledEdge = savedAt - inFlightMs;
  const times: number[] = [];
  const costs: number[] = [];
  let recent = 0;
  for (let i = 0; i < saved.times.length; i++) {
    if (saved.times[i]! <= settledEdge) {
      times.push(saved.times[i]!);
      costs.push(saved.costs[i]!);
    } else recent += saved.costs[i]!;
  }
  if (lostAt === undefined) {
    if (recent > 0) {
      times.push(savedAt);
      costs.push(recent);
    }
  } else {
    let unknown = 0;
    for (const { windowMs, limit } of rule.windows) {
      let settled = 0;
      for (let i = 0; i < times.length; i++) if (times[i]! > lostAt - windowMs) settled += costs[i]!;
      unknown = Math.max(unknown, limit - settled);
    }
    if (unknown > 0) {
      times.push(lostAt);
      costs.push(unknown);
    }
  }
  return SlidingLog.restore(rule, { base: 1, times, costs, active: [], blockedUntil: saved.blockedUntil });
}

/**
 * When the scope's unknown entries sit, or undefined when nothing was lost: the scope changed in the crashed
 * process's last period (at `min(savedAt + 2 × intervalMs, restartAt)`), or an earlier crash lost entries that no
 * process has restored since (`saved.lostAt`).
 */
export function lostAtOf(saved: SavedScope, { mark, restartAt }: RestoreContext): number | undefined {
  if (!mark.clean && saved.savedAt >= mark.savedAt)
    return Math.max(mark.savedAt, Math.min(mark.savedAt + 2 * mark.intervalMs, restartAt));
  return saved.lostAt;
}
