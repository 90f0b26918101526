import { ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import type { ClockOffset } from '../types.ts';
import { ClockOffsetCache, clockOffsetKey } from './clock-offset-cache.ts';

const KEY = clockOffsetKey('okx', 'mainnet', 'https://www.okx.com');
const offset = (offsetMs: number): ClockOffset => ({ offsetMs, rttMs: 80, samples: 3 });

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('ClockOffsetCache', () => {
  it('serves a measured offset with its age until the TTL (default 5 min), then measures again', async () => {
    const clock = new ManualClock();
    const cache = new ClockOffsetCache({ clock });
    expect(cache.ttlMs).toBe(300_000);
    let syncs = 0;
    const sync = async () => offset(++syncs * 100);
    expect(await cache.resolve(KEY, sync)).toEqual(offset(100));
    await clock.advance(42_000);
    expect(await cache.resolve(KEY, sync)).toEqual({ ...offset(100), cachedAgeMs: 42_000 });
    await clock.advance(300_000 - 42_000 - 1);
    expect((await cache.resolve(KEY, sync)).cachedAgeMs).toBe(299_999);
    await clock.advance(1);
    expect(await cache.resolve(KEY, sync)).toEqual(offset(200));
    expect(syncs).toBe(2);
  });

  it('keys by exchange, environment and host: another host or environment measures its own', async () => {
    const cache = new ClockOffsetCache({ clock: new ManualClock() });
    await cache.resolve(KEY, async () => offset(1));
    const demo = clockOffsetKey('okx', 'demo', 'https://www.okx.com');
    const futures = clockOffsetKey('binance', 'mainnet', 'https://fapi.binance.com');
    expect((await cache.resolve(demo, async () => offset(2))).offsetMs).toBe(2);
    expect((await cache.resolve(futures, async () => offset(3))).offsetMs).toBe(3);
    expect(cache.size).toBe(3);
  });

  it('shares one running sync between concurrent misses', async () => {
    const cache = new ClockOffsetCache({ clock: new ManualClock() });
    const running = deferred<ClockOffset>();
    let syncs = 0;
    const sync = () => {
      syncs++;
      return running.promise;
    };
    const all = Promise.all([cache.resolve(KEY, sync), cache.resolve(KEY, sync), cache.resolve(KEY, sync)]);
    running.resolve(offset(-250));
    const [first, second, third] = await all;
    expect(syncs).toBe(1);
    expect(first).toEqual(offset(-250));
    expect(second).toEqual({ ...offset(-250), cachedAgeMs: 0 });
    expect(third?.offsetMs).toBe(-250);
  });

  it('a waiter whose shared sync failed measures on its own; a failure is never cached', async () => {
    const cache = new ClockOffsetCache({ clock: new ManualClock() });
    const running = deferred<ClockOffset>();
    const first = cache.resolve(KEY, () => running.promise);
    const second = cache.resolve(KEY, async () => offset(7));
    running.reject(new Error('time endpoint down'));
    await expect(first).rejects.toThrow('time endpoint down');
    expect(await second).toEqual(offset(7));
    expect(cache.get(KEY)?.offset.offsetMs).toBe(7);
  });

  it('invalidateExchange drops every host of that exchange and environment, and a sync running then is not stored', async () => {
    const cache = new ClockOffsetCache({ clock: new ManualClock() });
    const spot = clockOffsetKey('binance', 'mainnet', 'https://api.binance.com');
    const futures = clockOffsetKey('binance', 'mainnet', 'https://fapi.binance.com');
    const testnet = clockOffsetKey('binance', 'testnet', 'https://testnet.binance.vision');
    for (const k of [spot, futures, testnet, KEY]) await cache.resolve(k, async () => offset(1));
    cache.invalidateExchange('binance', 'mainnet');
    expect(cache.get(spot)).toBeUndefined();
    expect(cache.get(futures)).toBeUndefined();
    expect(cache.get(testnet)).toBeDefined();
    expect(cache.get(KEY)).toBeDefined();

    const running = deferred<ClockOffset>();
    const stale = cache.resolve(spot, () => running.promise);
    cache.invalidateExchange('binance', 'mainnet');
    running.resolve(offset(999));
    expect((await stale).offsetMs).toBe(999);
    expect(cache.get(spot)).toBeUndefined();
  });

  it('rejects bad options with a TypeError naming the field', () => {
    const clock = new ManualClock();
    expect(() => new ClockOffsetCache({ clock, ttlMs: 0 })).toThrow(/ttlMs: must be a positive/);
    expect(() => new ClockOffsetCache({ clock, ttlMs: Number.NaN })).toThrow(TypeError);
    expect(() => new ClockOffsetCache({} as never)).toThrow(/clock: expected a Clock/);
  });
});
