/**
 * Many connections of one exchange behind one IP: N connections' testConnection() run at once through ONE shared
 * RateLimiter against ONE simulator, on one ManualClock. The limiter must keep every one of them inside the
 * simulator's limits: all tests pass, and the simulator counts no rate-limit rejection and no violation.
 * Cases: the limiter's 'both' profile against the simulator's published limits and against its seed limits, and
 * the seed profile on both sides; then with a network between them: each request reaches the simulator 0-300 ms
 * (seeded, on the ManualClock) after its permit and its reply takes 0-100 ms back, so the simulator counts
 * requests later, and in another order, than the limiter admitted them.
 * Every exchange and API type except `websocket`: its stream needs real sockets, which a ManualClock driver
 * cannot wait for; its REST calls (clock sync, listenKeys) are not covered here.
 */
import { createSimulator } from '@cts/sim';
import { ManualClock, seededRandom } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { createConnector } from '../src/connectors/index.ts';
import { API_TYPE_MATRIX, type ApiType, EXCHANGES, type ExchangeId } from '../src/exchanges/index.ts';
import { type Permit, RateLimiter, type RequestGate } from '../src/limiter/index.ts';
import type { FetchLike } from '../src/ports/index.ts';

const T0 = Date.UTC(2026, 0, 27, 10, 0, 0);
const N = 8;

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Run {
  failures: string[];
  stats: { requests: number; accepted: number; rateLimitViolations: number; rejections: object };
  tookMs: number;
}

async function runConcurrentTests(
  exchange: ExchangeId,
  apiType: ApiType,
  limiterProfile: 'both' | 'seed',
  simProfile: 'published' | 'seed',
  network: boolean,
): Promise<Run> {
  const clock = new ManualClock({ start: T0 });
  const sim = createSimulator({ clock, profile: simProfile });
  const limiter = new RateLimiter({ clock, profile: limiterProfile });
  // Requests between permit and release that are not waiting on the (simulated) network: the driver moves time
  // only when there are none, so signing and the simulator's work never see the clock jump.
  let busy = 0;
  const gate: RequestGate = {
    async acquire(request) {
      const permit: Permit = await limiter.acquire(request);
      busy++;
      return {
        release(feedback) {
          busy--;
          permit.release(feedback);
        },
      };
    },
  };
  const random = seededRandom(7);
  const onClock = async (ms: number) => {
    busy--;
    await clock.sleep(ms);
    busy++;
  };
  const fetch: FetchLike = network
    ? async (input, init) => {
        await onClock(Math.floor(random() * 300));
        const response = await sim.fetch(input, init);
        await onClock(Math.floor(random() * 100));
        return response;
      }
    : sim.fetch;
  const connectors = [];
  for (let i = 0; i < N; i++) {
    const account = await sim.createAccount({ exchange });
    connectors.push(
      createConnector({
        exchange,
        apiType,
        credentials: {
          apiKey: account.apiKey,
          apiSecret: account.apiSecret,
          passphrase: account.passphrase,
          keyType: account.keyType,
        },
        fetch,
        baseUrl: 'http://sim.local',
        clock,
        limiter: gate,
      }),
    );
  }
  let done = 0;
  const failures: string[] = [];
  for (const connector of connectors)
    connector.testConnection().then(
      (result) => {
        done++;
        if (!result.success) failures.push(`${result.error?.code}: ${result.error?.message}`);
      },
      (err: unknown) => {
        done++;
        failures.push(`threw ${String(err)}`);
      },
    );
  const realDeadline = Date.now() + 30_000;
  while (done < N && Date.now() < realDeadline) {
    await macrotask();
    if (busy === 0 && done < N) await clock.tick();
  }
  if (done < N) failures.push(`${N - done} tests still running after 30 s of real time`);
  const stats = sim.stats()[exchange]!.total;
  return { failures, stats, tookMs: clock.now() - T0 };
}

const MATRIX: [ExchangeId, ApiType][] = EXCHANGES.flatMap((exchange) =>
  API_TYPE_MATRIX[exchange]
    .filter((apiType) => apiType !== 'websocket')
    .map((apiType): [ExchangeId, ApiType] => [exchange, apiType]),
);

const PAIRINGS = [
  { limiter: 'both', sim: 'published', network: false },
  { limiter: 'both', sim: 'seed', network: false },
  { limiter: 'seed', sim: 'seed', network: false },
  { limiter: 'both', sim: 'published', network: true },
  { limiter: 'seed', sim: 'seed', network: true },
] as const;

describe('limiter and simulator agree', () => {
  for (const pairing of PAIRINGS)
    for (const [exchange, apiType] of MATRIX)
      it(`${exchange} ${apiType}: ${N} concurrent connection tests pass with no rate-limit violation (limiter ${pairing.limiter}, simulator ${pairing.sim}${pairing.network ? ', 0-300 ms network' : ''})`, async () => {
        const run = await runConcurrentTests(
          exchange,
          apiType,
          pairing.limiter,
          pairing.sim,
          pairing.network,
        );
        expect(run.failures).toEqual([]);
        expect(run.stats.rejections).not.toHaveProperty('rate_limit');
        expect(run.stats.rejections).not.toHaveProperty('banned');
        expect(run.stats.rateLimitViolations).toBe(0);
        expect(run.stats.accepted).toBe(run.stats.requests);
      }, 60_000);
});
