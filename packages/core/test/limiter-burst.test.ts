/**
 * A burst of 1,000 balance requests from one account, through a connector and the RateLimiter, against the
 * simulator's strict limits on a shared ManualClock: no request may be refused for rate (429, ban), and the burst
 * must finish within 10% of the shortest time the limits allow.
 */
import { createSimulator } from '@cts/sim';
import { ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { createConnector } from '../src/connectors/index.ts';
import type { ApiType, ExchangeId } from '../src/exchanges/index.ts';
import { type Permit, RateLimiter, type RequestGate } from '../src/limiter/index.ts';

const T0 = Date.UTC(2026, 0, 27, 10, 0, 0);
const N = 1000;

/**
 * The earliest time the last of `n` equal requests can start under sliding windows (independent of the limiter):
 * request i may start only once request i - floor(limit / weight) has left each window.
 */
function lowerBoundMs(n: number, windows: { windowMs: number; limit: number; weight: number }[]): number {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    let at = i > 0 ? t[i - 1]! : 0;
    for (const w of windows) {
      const fit = Math.floor(w.limit / w.weight);
      if (i >= fit) at = Math.max(at, t[i - fit]! + w.windowMs);
    }
    t.push(at);
  }
  return t[n - 1]!;
}

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Case {
  exchange: ExchangeId;
  apiType: ApiType;
  profile: 'published' | 'seed';
  /** The limits the simulator enforces on this request, read from ../shared/reference/exchanges.md. */
  windows: { windowMs: number; limit: number; weight: number }[];
}

const CASES: Case[] = [
  {
    exchange: 'bybit',
    apiType: 'unified',
    profile: 'published',
    windows: [
      { windowMs: 1000, limit: 50, weight: 1 }, // wallet-balance per UID
      { windowMs: 5000, limit: 600, weight: 1 }, // per IP
    ],
  },
  {
    exchange: 'binance',
    apiType: 'spot',
    profile: 'published',
    windows: [{ windowMs: 60_000, limit: 6000, weight: 20 }], // /api/v3/account, weight 20 of 6,000/min/IP
  },
  {
    exchange: 'okx',
    apiType: 'spot',
    profile: 'seed',
    windows: [
      { windowMs: 1000, limit: 20, weight: 1 },
      { windowMs: 60_000, limit: 600, weight: 1 },
    ],
  },
];

describe('RateLimiter against the simulator', () => {
  for (const c of CASES)
    it(`${c.exchange} ${c.apiType} (${c.profile} limits): ${N} requests, no 429, within 10% of the minimum time`, async () => {
      const clock = new ManualClock({ start: T0 });
      const sim = createSimulator({ clock, profile: c.profile });
      const account = await sim.createAccount({ exchange: c.exchange });
      const limiter = new RateLimiter({ clock, profile: c.profile, maxWaitMs: 3_600_000, maxQueue: N });
      // Counts requests between permit and release, so the driver moves time only when none is on the wire.
      let onWire = 0;
      const gate: RequestGate = {
        async acquire(request) {
          const permit: Permit = await limiter.acquire(request);
          onWire++;
          return {
            release(feedback) {
              onWire--;
              permit.release(feedback);
            },
          };
        },
      };
      const connector = createConnector({
        exchange: c.exchange,
        apiType: c.apiType,
        credentials: {
          apiKey: account.apiKey,
          apiSecret: account.apiSecret,
          passphrase: account.passphrase,
          keyType: account.keyType,
        },
        fetch: sim.fetch,
        baseUrl: 'http://sim.local',
        clock,
        limiter: gate,
        maxRetries: 0,
      });
      let done = 0;
      let lastDone = T0;
      const failures: string[] = [];
      for (let i = 0; i < N; i++)
        connector.getBalance().then(
          () => {
            done++;
            lastDone = clock.now();
          },
          (err: { code?: string }) => {
            done++;
            failures.push(String(err.code));
          },
        );
      const realDeadline = Date.now() + 90_000;
      while (done < N && Date.now() < realDeadline) {
        await macrotask();
        if (onWire === 0 && done < N) await clock.tick();
      }
      expect(done).toBe(N);
      expect(failures).toEqual([]);
      const stats = sim.stats()[c.exchange]!.total;
      expect(stats.rateLimitViolations).toBe(0);
      expect(stats.accepted).toBe(N);
      const bound = lowerBoundMs(N, c.windows);
      const took = lastDone - T0;
      expect(took).toBeGreaterThanOrEqual(bound);
      expect(took).toBeLessThanOrEqual(bound * 1.1);
      console.info(
        `${c.exchange} ${c.apiType} (${c.profile}): ${N} requests in ${took} ms; limits allow ${bound} ms`,
      );
    }, 120_000);
});
