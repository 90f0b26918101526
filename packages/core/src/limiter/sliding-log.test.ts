import { describe, expect, it } from 'vitest';
import type { BucketRule } from './rules/types.ts';
import { SlidingLog } from './sliding-log.ts';

const rule: BucketRule = { per: 'ip', windows: [{ windowMs: 1000, limit: 5 }], concurrency: 2 };

describe('SlidingLog.restore', () => {
  it('rebuilds counts, slots, ids and the pause from saved state', () => {
    const log = SlidingLog.restore(rule, {
      base: 41,
      times: [100, 600, 900],
      costs: [2, 0, 2],
      active: [43],
      blockedUntil: 0,
    });
    log.advance(rule, 950);
    expect(log.snapshot()).toEqual({
      windows: [{ windowMs: 1000, limit: 5, used: 4 }],
      inFlight: 1,
      blockedUntil: 0,
    });
    expect(log.reserve(2, 950)).toEqual({ ok: false, retryAt: 1100 });
    expect(log.reserve(1, 950)).toEqual({ ok: true, id: 44 });
    expect(log.snapshot().inFlight).toBe(2); // the restored slot and the new one
    log.advance(rule, 1100);
    expect(log.snapshot().windows[0]!.used).toBe(3);
  });

  it('keeps a restored pause and refuses mismatched state', () => {
    const paused = SlidingLog.restore(rule, {
      base: 1,
      times: [],
      costs: [],
      active: [],
      blockedUntil: 5000,
    });
    expect(paused.reserve(1, 10)).toEqual({ ok: false, retryAt: 5000 });
    expect(() =>
      SlidingLog.restore(rule, { base: 1, times: [1], costs: [], active: [], blockedUntil: 0 }),
    ).toThrow(TypeError);
  });
});

describe('SlidingLog feedback: ended', () => {
  const one: BucketRule = { per: 'ip', windows: [{ windowMs: 1000, limit: 1 }] };

  it('moves a reservation to the moment its request ended', () => {
    const log = new SlidingLog(one);
    const r = log.reserve(1, 0);
    if (!r.ok) throw new Error('refused');
    log.advance(one, 300);
    log.feedback({ ended: { id: r.id, cost: 1 } }, 300);
    expect(log.snapshot().windows[0]!.used).toBe(1);
    log.advance(one, 1000);
    expect(log.reserve(1, 1000)).toEqual({ ok: false, retryAt: 1300 });
    log.advance(one, 1300);
    expect(log.reserve(1, 1300).ok).toBe(true);
  });

  it('counts a request again when its reply came after its entry left the window', () => {
    const log = new SlidingLog(one);
    const r = log.reserve(1, 0);
    if (!r.ok) throw new Error('refused');
    log.advance(one, 1500);
    expect(log.snapshot().windows[0]!.used).toBe(0);
    log.feedback({ ended: { id: r.id, cost: 1 } }, 1500);
    expect(log.snapshot().windows[0]!.used).toBe(1);
    expect(log.reserve(1, 1500)).toEqual({ ok: false, retryAt: 2500 });
  });
});
