import { describe, expect, it } from 'vitest';
import { restoreScope } from './restore-rule.ts';
import type { BucketRule } from './rules/types.ts';

const T0 = Date.UTC(2026, 0, 27, 10, 0, 0);
const rule: BucketRule = {
  per: 'account',
  windows: [
    { windowMs: 1000, limit: 10 },
    { windowMs: 60_000, limit: 120 },
  ],
};
const context = (clean: boolean, restartAt: number) => ({
  mark: { savedAt: T0 + 30_000, clean, intervalMs: 1000 },
  restartAt,
  inFlightMs: 5000,
});
/** 100 entries of cost 1, one every 250 ms, from T0 to T0 + 24.75 s (all settled by the save at T0 + 30 s). */
const saved = (savedAt: number) => ({
  key: 'k',
  times: Array.from({ length: 100 }, (_, i) => T0 + i * 250),
  costs: Array.from({ length: 100 }, () => 1),
  blockedUntil: 0,
  savedAt,
});

describe('restoreScope', () => {
  it('restores a clean save exactly: 20 more fit in the minute, the 21st waits for the first to leave', () => {
    const log = restoreScope(rule, saved(T0 + 30_000), context(true, T0 + 31_000));
    let admitted = 0;
    for (let t = T0 + 31_000; admitted < 21; t += 100) {
      log.advance(rule, t);
      const r = log.reserve(1, t);
      if (!r.ok) {
        expect(admitted).toBe(20);
        expect(r.retryAt).toBe(T0 + 60_000);
        return;
      }
      admitted++;
    }
    throw new Error('admitted more than the window allows');
  });

  it('after a crash counts the minute as full from the kill until it has passed', () => {
    const log = restoreScope(rule, saved(T0 + 30_000), context(false, T0 + 31_500));
    log.advance(rule, T0 + 31_500);
    // The crashed process may have used the 20 left between its last save (30 s) and the kill (≤ 31.5 s).
    expect(log.reserve(1, T0 + 31_500)).toEqual({ ok: false, retryAt: T0 + 60_000 });
    log.advance(rule, T0 + 60_000);
    expect(log.reserve(1, T0 + 60_000).ok).toBe(true);
    // The unknown 20 sit at the kill (31.5 s) until 91.5 s: the 100 settled leave first, one per 250 ms.
    log.advance(rule, T0 + 84_749);
    expect(log.snapshot().windows[1]!.used).toBe(1 + 20 + 1);
  });

  it('bounds the kill by two periods after the last save, not by a late restart', () => {
    const log = restoreScope(rule, saved(T0 + 30_000), context(false, T0 + 3_600_000));
    log.advance(rule, T0 + 3_600_000);
    expect(log.reserve(1, T0 + 3_600_000).ok).toBe(true);
  });

  it('moves entries that may still have been in flight to the save (clean) and restores the pause', () => {
    const recent = { ...saved(T0 + 30_000), times: [T0 + 29_000], costs: [5], blockedUntil: T0 + 40_000 };
    const log = restoreScope(rule, recent, context(true, T0 + 30_500));
    expect(log.reserve(1, T0 + 30_500)).toEqual({ ok: false, retryAt: T0 + 40_000 });
    log.advance(rule, T0 + 89_999);
    expect(log.snapshot().windows[1]!.used).toBe(5); // counted from 30 s, not from 29 s
  });

  it('keeps an earlier crash’s unknown entry for a scope no process used since (lostAt)', () => {
    const idle = { ...saved(T0 + 10_000), times: [], costs: [], lostAt: T0 + 20_000 };
    const log = restoreScope(rule, idle, context(false, T0 + 31_000));
    expect(log.reserve(1, T0 + 31_000)).toEqual({ ok: false, retryAt: T0 + 80_000 });
  });
});
