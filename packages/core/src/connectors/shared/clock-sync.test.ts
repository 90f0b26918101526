import { createScriptedFetch, jsonReply, ManualClock, type RecordedRequest } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { createConnector } from '../create-connector.ts';
import type { ConnectorOptions } from '../types.ts';
import { ClockOffsetCache } from './clock-offset-cache.ts';

const START = Date.UTC(2026, 0, 27, 10, 0, 0);
const SERVER_AHEAD_MS = 3000;
const balance = [{ totalEq: '10', availEq: '', details: [] }];
const config = [{ perm: 'read_only', ip: '1.2.3.4', acctLv: '2', uid: '1' }];

/** An OKX exchange whose clock runs 3 s ahead; `rejectTimestamps` answers signed calls with 50102. */
function okxExchange(clock: ManualClock) {
  const state = { rejectTimestamps: false };
  const scripted = createScriptedFetch([
    (r: RecordedRequest) => {
      if (r.url.endsWith('/public/time'))
        return jsonReply({ code: '0', msg: '', data: [{ ts: String(clock.now() + SERVER_AHEAD_MS) }] });
      if (state.rejectTimestamps)
        return jsonReply({ code: '50102', msg: 'Timestamp request expired', data: [] }, 401);
      return jsonReply({ code: '0', msg: '', data: r.url.endsWith('/config') ? config : balance });
    },
  ]);
  const timeCalls = () => scripted.requests.filter((r) => r.url.endsWith('/public/time')).length;
  return { state, fetch: scripted.fetch, requests: scripted.requests, timeCalls };
}

function okx(n: number, clock: ManualClock, fetch: ConnectorOptions['fetch'], cache?: ClockOffsetCache) {
  return createConnector({
    exchange: 'okx',
    apiType: 'spot',
    credentials: { apiKey: `key-${n}`, apiSecret: `secret-${n}`, passphrase: `pass-${n}` },
    fetch,
    clock,
    maxRetries: 0,
    ...(cache ? { clockOffsetCache: cache } : {}),
  });
}

describe('connection tests with a shared ClockOffsetCache', () => {
  it('a second key on the same exchange skips the 3 time samples, reports the offset and logs its age', async () => {
    const clock = new ManualClock({ start: START });
    const exchange = okxExchange(clock);
    const cache = new ClockOffsetCache({ clock });
    const first = await okx(1, clock, exchange.fetch, cache).testConnection();
    expect(first.success).toBe(true);
    expect(first.clockOffsetMs).toBe(SERVER_AHEAD_MS);
    expect(exchange.timeCalls()).toBe(3);

    await clock.advance(12_000);
    const before = exchange.requests.length;
    const second = await okx(2, clock, exchange.fetch, cache).testConnection();
    expect(second.success).toBe(true);
    expect(exchange.timeCalls()).toBe(3);
    expect(exchange.requests.length - before).toBe(2);
    expect(second.clockOffsetMs).toBe(SERVER_AHEAD_MS);
    expect(second.log.join('\n')).toContain('clock offset from cache (age 12 s)');
    // The cached offset signs: OK-ACCESS-TIMESTAMP is the exchange's time, not this machine's.
    expect(exchange.requests.at(-1)!.headers['ok-access-timestamp']).toBe(
      new Date(clock.now() + SERVER_AHEAD_MS).toISOString(),
    );
  });

  it('after the TTL the next test samples again', async () => {
    const clock = new ManualClock({ start: START });
    const exchange = okxExchange(clock);
    const cache = new ClockOffsetCache({ clock, ttlMs: 60_000 });
    await okx(1, clock, exchange.fetch, cache).testConnection();
    await clock.advance(60_000);
    const result = await okx(2, clock, exchange.fetch, cache).testConnection();
    expect(exchange.timeCalls()).toBe(6);
    expect(result.log.join('\n')).toContain('(round trip 0 ms, 3 samples)');
  });

  it("an exchange's timestamp rejection (auth.timestamp) drops the cached offset: the next test samples", async () => {
    const clock = new ManualClock({ start: START });
    const exchange = okxExchange(clock);
    const cache = new ClockOffsetCache({ clock });
    await okx(1, clock, exchange.fetch, cache).testConnection();
    exchange.state.rejectTimestamps = true;
    const rejected = await okx(2, clock, exchange.fetch, cache).testConnection();
    expect(rejected.success).toBe(false);
    expect(rejected.error?.code).toBe('auth.timestamp');
    expect(exchange.timeCalls()).toBe(3);
    expect(cache.size).toBe(0);

    exchange.state.rejectTimestamps = false;
    const next = await okx(3, clock, exchange.fetch, cache).testConnection();
    expect(next.success).toBe(true);
    expect(exchange.timeCalls()).toBe(6);
  });

  it('without a cache every test samples, and a bad cache option is a TypeError', async () => {
    const clock = new ManualClock({ start: START });
    const exchange = okxExchange(clock);
    await okx(1, clock, exchange.fetch).testConnection();
    await okx(2, clock, exchange.fetch).testConnection();
    expect(exchange.timeCalls()).toBe(6);
    expect(() => okx(3, clock, exchange.fetch, {} as ClockOffsetCache)).toThrow(
      /clockOffsetCache: expected a ClockOffsetCache/,
    );
  });
});
