import { describe, expect, it } from 'vitest';
import { HealthTracker } from './health-tracker.ts';
import { ResponseRing } from './response-ring.ts';
import { UptimeBuckets } from './uptime-buckets.ts';

const MIN = 60_000;

describe('ResponseRing', () => {
  it('keeps only the last values and gives their average and p95', () => {
    const ring = new ResponseRing(20);
    for (let i = 1; i <= 40; i++) ring.push(i); // keeps 21..40
    expect(ring.size).toBe(20);
    expect(ring.average()).toBe(30.5);
    expect(ring.quantile(0.95)).toBe(39);
    expect(ring.quantile(1)).toBe(40);
    expect(new ResponseRing(3).average()).toBeNull();
  });
});

describe('UptimeBuckets', () => {
  it('weights uptime by time bucket and success rate by sample', () => {
    const b = new UptimeBuckets({ windowMs: 60 * MIN, bucketMs: 5 * MIN });
    // bucket 0: 9 of 9 ok; bucket 1: 0 of 1 ok
    for (let i = 0; i < 9; i++) b.add(i * 1000, true);
    b.add(5 * MIN, false);
    const s = b.stats(6 * MIN);
    expect(s.uptime).toBe(50);
    expect(s.successRate).toBe(90);
    expect(s.total).toBe(10);
  });

  it('forgets buckets that left the window and reuses their slots', () => {
    const b = new UptimeBuckets({ windowMs: 10 * MIN, bucketMs: 5 * MIN });
    b.add(0, false);
    b.add(5 * MIN, true);
    expect(b.stats(6 * MIN).successRate).toBe(50);
    b.add(10 * MIN, true); // reuses bucket 0's slot
    expect(b.stats(11 * MIN)).toMatchObject({ successRate: 100, total: 2 });
    expect(b.stats(60 * MIN).total).toBe(0);
    b.add(0, false); // too old for its slot now
    expect(b.stats(11 * MIN).total).toBe(2);
  });
});

describe('HealthTracker', () => {
  it('counts consecutive errors and successes and the last check', () => {
    const t = new HealthTracker();
    t.record({ at: 1000, success: true, responseTimeMs: 100 });
    t.record({ at: 2000, success: false, responseTimeMs: 300, errorCode: 'timeout' });
    t.record({ at: 3000, success: false, responseTimeMs: 200, errorCode: 'network' });
    const s = t.stats(4000);
    expect(s).toMatchObject({
      lastCheckAt: 3000,
      lastErrorCode: 'network',
      consecutiveErrors: 2,
      consecutiveSuccesses: 0,
      averageResponseMs: 200,
      p95ResponseMs: 300,
      totalRequests: 3,
    });
    expect(s.successRate).toBeCloseTo(33.33, 1);
    t.record({ at: 5000, success: true, responseTimeMs: 100 });
    expect(t.stats(5000)).toMatchObject({
      consecutiveErrors: 0,
      consecutiveSuccesses: 1,
      lastErrorCode: null,
    });
  });
});
