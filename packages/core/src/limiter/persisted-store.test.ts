import { limiterStateRepoContract, limiterStoreContract, ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { MemoryLimiterStateRepo } from './memory-state-repo.ts';
import { PersistedLimiterStore } from './persisted-store.ts';
import type { BucketRule } from './rules/types.ts';

const T0 = Date.UTC(2026, 0, 27, 10, 0, 0);
const rule: BucketRule = {
  per: 'account',
  windows: [
    { windowMs: 1000, limit: 10 },
    { windowMs: 60_000, limit: 120 },
  ],
};

limiterStoreContract('PersistedLimiterStore', () =>
  PersistedLimiterStore.open({ repo: new MemoryLimiterStateRepo(), clock: new ManualClock({ start: T0 }) }),
);
limiterStateRepoContract('MemoryLimiterStateRepo', () => new MemoryLimiterStateRepo());

/** Admits one request every 100 ms (the 10/s window) until `count` are admitted; returns the time after. */
async function fill(store: PersistedLimiterStore, clock: ManualClock, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    expect(store.reserve('k', rule, 1, clock.now()).ok).toBe(true);
    await clock.advance(100);
  }
}

describe('PersistedLimiterStore', () => {
  it('after close() the next store admits only what the minute window has left', async () => {
    const repo = new MemoryLimiterStateRepo();
    const clock = new ManualClock({ start: T0 });
    const first = await PersistedLimiterStore.open({ repo, clock, inFlightMs: 0 });
    await fill(first, clock, 110);
    await first.close();
    const second = await PersistedLimiterStore.open({ repo, clock, inFlightMs: 0 });
    await clock.advance(1000);
    let admitted = 0;
    while (second.reserve('k', rule, 1, clock.now()).ok) admitted++;
    expect(admitted).toBe(10);
    expect(second.reserve('k', rule, 1, clock.now())).toEqual({ ok: false, retryAt: T0 + 60_000 });
  });

  it('after a kill (no close) counts the minute as full, refilling only as the saved entries leave it', async () => {
    const repo = new MemoryLimiterStateRepo();
    const clock = new ManualClock({ start: T0 });
    const first = await PersistedLimiterStore.open({ repo, clock, intervalMs: 1000, inFlightMs: 0 });
    await fill(first, clock, 50); // periodic saves ran; the last 0–1 s of reservations are unsaved
    await clock.advance(500);
    const second = await PersistedLimiterStore.open({ repo, clock, intervalMs: 1000, inFlightMs: 0 });
    // The unsaved part of the minute is unknown: counted as used up to the limit (120), not as free.
    expect(second.snapshot('k', rule, clock.now()).windows[1]!.used).toBe(120);
    expect(second.reserve('k', rule, 1, clock.now())).toEqual({ ok: false, retryAt: T0 + 60_000 });
    await second.close();
  });

  it('saves a new scope at once, not at the next period', async () => {
    const repo = new MemoryLimiterStateRepo();
    const clock = new ManualClock({ start: T0 });
    const store = await PersistedLimiterStore.open({ repo, clock, intervalMs: 60_000 });
    expect(store.reserve('new', rule, 3, T0).ok).toBe(true);
    await Promise.resolve();
    await store.flush();
    expect((await repo.load())!.scopes).toEqual([
      { key: 'new', times: [T0], costs: [3], blockedUntil: 0, savedAt: T0 },
    ]);
  });

  it('keeps a crash’s unknown entry for a scope the next process never used, across a second crash', async () => {
    const repo = new MemoryLimiterStateRepo();
    const clock = new ManualClock({ start: T0 });
    const first = await PersistedLimiterStore.open({ repo, clock, inFlightMs: 0 });
    await fill(first, clock, 5);
    await first.flush();
    const second = await PersistedLimiterStore.open({ repo, clock, inFlightMs: 0 });
    await clock.advance(1000); // a periodic save of the second process; it never touches 'k'
    const third = await PersistedLimiterStore.open({ repo, clock, inFlightMs: 0 });
    expect(third.reserve('k', rule, 1, clock.now()).ok).toBe(false);
    await second.close();
    await third.close();
  });

  it('drops a scope whose entries all left their windows', async () => {
    const repo = new MemoryLimiterStateRepo();
    const clock = new ManualClock({ start: T0 });
    const store = await PersistedLimiterStore.open({ repo, clock, intervalMs: 1000 });
    store.reserve('k', rule, 1, T0);
    await store.flush();
    await clock.advance(61_000);
    store.applyFeedback('k', rule, {}, clock.now());
    await store.close();
    expect((await repo.load())!.scopes).toEqual([]);
  });
});
