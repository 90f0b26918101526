import { ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../ports/fetch.ts';
import { HttpLimiterStore } from './http-store.ts';
import { RateLimiter } from './rate-limiter.ts';
import type { BucketRule } from './rules/types.ts';

const SECRET = 's'.repeat(40);
const rule: BucketRule = { per: 'ip', windows: [{ windowMs: 1000, limit: 5 }] };

/** A Worker stand-in that records each call and admits every reserve with increasing ids. */
function worker() {
  const calls: { op: string; body: Record<string, unknown> }[] = [];
  let id = 0;
  const fetch: FetchLike = async (input, init) => {
    const op = String(input).split('/').at(-1)!;
    calls.push({ op, body: JSON.parse(String(init?.body)) });
    return Response.json(op === 'reserve' ? { ok: true, id: ++id } : op === 'snapshot' ? {} : { ok: true });
  };
  const timers: (() => void)[] = [];
  const store = new HttpLimiterStore({
    url: 'https://cts.example',
    secret: SECRET,
    fetch,
    setTimer: (fn) => timers.push(fn),
  });
  return { calls, store, timers };
}

describe('HttpLimiterStore: requests’ ends (ScopeFeedback.ended)', () => {
  it('sends no call for an end alone: the next reserve of its scope carries it', async () => {
    const { calls, store } = worker();
    await store.applyFeedback('okx|ip', rule, { ended: { id: 3, cost: 1 } }, 1600);
    await store.applyFeedback('okx|ip', rule, { ended: { id: 4, cost: 2 } }, 1650);
    expect(calls).toHaveLength(0);
    expect(store.pendingEnded).toBe(2);
    await store.reserve('okx|other', rule, 1, 1700);
    expect(calls[0]!.body.ended).toBeUndefined();
    await store.reserve('okx|ip', rule, 1, 1700);
    expect(calls[1]!.body).toEqual({
      key: 'okx|ip',
      rule,
      cost: 1,
      now: 1700,
      ended: [
        { id: 3, cost: 1, at: 1600 },
        { id: 4, cost: 2, at: 1650 },
      ],
    });
    expect(store.pendingEnded).toBe(0);
  });

  it('sends what no call took after endedFlushMs: one feedback call per scope', async () => {
    const { calls, store, timers } = worker();
    await store.applyFeedback('a', rule, { ended: { id: 1, cost: 1 } }, 100);
    await store.applyFeedback('b', rule, { ended: { id: 9, cost: 5 } }, 120);
    await store.applyFeedback('a', rule, { ended: { id: 2, cost: 1 } }, 130);
    expect(timers).toHaveLength(1);
    timers[0]!();
    await store.flushEnded();
    expect(calls.map((c) => [c.op, c.body.key, c.body.ended])).toEqual([
      [
        'feedback',
        'a',
        [
          { id: 1, cost: 1, at: 100 },
          { id: 2, cost: 1, at: 130 },
        ],
      ],
      ['feedback', 'b', [{ id: 9, cost: 5, at: 120 }]],
    ]);
    expect(calls[0]!.body.now).toBe(130);
  });

  it('an end beside a usage report or pause goes in that same feedback call', async () => {
    const { calls, store } = worker();
    await store.applyFeedback('k', rule, { ended: { id: 5, cost: 1 }, blockUntil: 9000 }, 2000);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toMatchObject({
      feedback: { blockUntil: 9000 },
      ended: [{ id: 5, cost: 1, at: 2000 }],
    });
    expect(calls[0]!.body.feedback).not.toHaveProperty('ended');
  });

  it('the RateLimiter reports every request’s end to it, without a call of its own', async () => {
    const clock = new ManualClock({ start: 10_000 });
    const { calls, store } = worker();
    const limiter = new RateLimiter({ store, clock, profile: 'published' });
    const permit = await limiter.acquire({
      exchange: 'okx',
      account: 'a',
      method: 'GET',
      path: '/api/v5/public/time',
    });
    const reserves = calls.length;
    await clock.advance(80);
    permit.release({ status: 200 });
    await Promise.resolve();
    expect(calls).toHaveLength(reserves);
    expect(store.pendingEnded).toBe(reserves);
    await limiter.acquire({ exchange: 'okx', account: 'a', method: 'GET', path: '/api/v5/public/time' });
    const carried = calls.slice(reserves).flatMap((c) => (c.body.ended as unknown[] | undefined) ?? []);
    expect(carried).toHaveLength(reserves);
    expect(carried[0]).toMatchObject({ at: 10_080 });
  });

  it('validates endedFlushMs', () => {
    expect(
      () => new HttpLimiterStore({ url: 'https://x', secret: SECRET, endedFlushMs: Number.NaN }),
    ).toThrow(/endedFlushMs/);
  });
});
