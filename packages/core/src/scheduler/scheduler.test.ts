import { ManualClock } from '@cts/testkit';
import { describe, expect, it, vi } from 'vitest';
import { createClockScheduler, createTimerScheduler } from './scheduler.ts';

describe('createClockScheduler', () => {
  it('runs the job once per period when the clock advances, and not after cancel', async () => {
    const clock = new ManualClock({ start: 0 });
    const runs: number[] = [];
    const cancel = createClockScheduler(clock).every(1000, () => {
      runs.push(clock.now());
    });
    await clock.advance(3500);
    expect(runs).toEqual([1000, 2000, 3000]);
    cancel();
    await clock.advance(5000);
    expect(runs).toHaveLength(3);
  });

  it('skips a run while the previous one is still going and reports failures', async () => {
    const clock = new ManualClock({ start: 0 });
    const errors: unknown[] = [];
    let started = 0;
    let release: () => void = () => {};
    const cancel = createClockScheduler(clock, { onError: (e) => errors.push(e) }).every(100, async () => {
      started++;
      if (started === 1) await new Promise<void>((r) => (release = r));
      if (started === 2) throw new Error('boom');
    });
    await clock.advance(350);
    expect(started).toBe(1);
    release();
    await clock.advance(100);
    expect(started).toBe(2);
    expect(errors).toHaveLength(1);
    cancel();
  });

  it('refuses a non-positive period', () => {
    expect(() => createClockScheduler(new ManualClock()).every(0, () => {})).toThrow(TypeError);
    expect(() => createTimerScheduler().every(-1, () => {})).toThrow(/ms: must be a positive/);
  });
});

describe('createTimerScheduler', () => {
  it('runs on the runtime timers and stops when cancelled', async () => {
    vi.useFakeTimers();
    try {
      let runs = 0;
      const cancel = createTimerScheduler().every(50, () => {
        runs++;
      });
      await vi.advanceTimersByTimeAsync(175);
      expect(runs).toBe(3);
      cancel();
      await vi.advanceTimersByTimeAsync(500);
      expect(runs).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
