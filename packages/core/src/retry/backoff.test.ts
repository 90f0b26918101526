import { seededRandom } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { createBackoff } from './backoff.ts';

describe('createBackoff', () => {
  it('stays within [baseMs, capMs] over many random sequences', () => {
    const random = seededRandom(42);
    for (let run = 0; run < 2000; run++) {
      const baseMs = 1 + Math.floor(random() * 500);
      const capMs = baseMs + Math.floor(random() * 20_000);
      const next = createBackoff({ baseMs, capMs, random });
      for (let attempt = 0; attempt < 30; attempt++) {
        const wait = next();
        expect(wait).toBeGreaterThanOrEqual(baseMs);
        expect(wait).toBeLessThanOrEqual(capMs);
      }
    }
  });

  it('grows up to three times the previous wait and then holds at the cap', () => {
    const next = createBackoff({ baseMs: 100, capMs: 5000, random: () => 1 });
    expect([next(), next(), next(), next(), next()]).toEqual([300, 900, 2700, 5000, 5000]);
  });

  it('never goes below the base with the lowest draw', () => {
    const next = createBackoff({ baseMs: 250, capMs: 5000, random: () => 0 });
    expect([next(), next(), next()]).toEqual([250, 250, 250]);
  });

  it('decorrelates: waits differ between sequences with the default random', () => {
    const a = createBackoff();
    const b = createBackoff();
    const seqA = [a(), a(), a(), a()];
    const seqB = [b(), b(), b(), b()];
    expect(seqA).not.toEqual(seqB);
  });

  it('throws a TypeError naming the option for invalid bounds', () => {
    expect(() => createBackoff({ baseMs: 0 })).toThrow(/baseMs/);
    expect(() => createBackoff({ baseMs: 100, capMs: 50 })).toThrow(/capMs/);
  });
});
