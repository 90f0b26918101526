import { ManualClock, seededRandom } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import type { CtsError } from '../errors/cts-error.ts';
import type { LimitFeedback, Permit } from './gate.ts';
import { RateLimiter } from './rate-limiter.ts';
import type { BucketRule, WindowLimit } from './rules/types.ts';

const T0 = Date.UTC(2026, 0, 27, 10, 0, 0);
const ROUNDS = 1000;
const REQUESTS = 50;

interface Req {
  seq: number;
  account: string;
  endpoint: 'GET /a' | 'GET /b';
  priority: number;
  state: 'new' | 'pending' | 'admitted' | 'aborted' | 'rejected';
}

/** Checks that no span of each window holds more than its limit. `log` is in time order. */
function windowViolations(log: { t: number; cost: number }[], windows: WindowLimit[]): string[] {
  const out: string[] = [];
  for (const { windowMs, limit } of windows) {
    let sum = 0;
    let start = 0;
    for (let end = 0; end < log.length; end++) {
      sum += log[end]!.cost;
      while (log[start]!.t <= log[end]!.t - windowMs) sum -= log[start++]!.cost;
      if (sum > limit) out.push(`${sum} > ${limit} in ${windowMs} ms ending ${log[end]!.t - T0}`);
    }
  }
  return out;
}

function randomWindows(random: () => number, min: number): WindowLimit[] {
  const short = { windowMs: 200 + Math.floor(random() * 1000), limit: min + Math.floor(random() * 6) };
  if (random() < 0.5) return [short];
  return [short, { windowMs: short.windowMs * (2 + Math.floor(random() * 4)), limit: short.limit * 2 + 1 }];
}

describe('RateLimiter under random request streams', () => {
  it(`keeps every window, concurrency cap, priority and cancellation right (${ROUNDS} streams × ${REQUESTS} requests)`, async () => {
    const random = seededRandom(20260127);
    let admittedTotal = 0;
    let abortedTotal = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const clock = new ManualClock({ start: T0 });
      const ip: BucketRule = { per: 'ip', windows: randomWindows(random, 3) };
      const acct: BucketRule = {
        per: 'account',
        windows: randomWindows(random, 2),
        concurrency: random() < 0.6 ? 1 + Math.floor(random() * 3) : undefined,
      };
      const grp: BucketRule = { per: 'account', perEndpoint: true, windows: randomWindows(random, 2) };
      const ipWeightA = 1 + Math.floor(random() * 3);
      const limiter = new RateLimiter({
        clock,
        profile: 'published',
        maxWaitMs: 2000 + Math.floor(random() * 20_000),
        rules: {
          published: {
            okx: {
              buckets: { balance: null, config: null, fundBalance: null, publicTime: null, ip, acct, grp },
              routes: { '': { ip: 1, acct: 1 } },
              endpoints: { 'GET /a': { ip: ipWeightA, grp: 2 }, 'GET /b': { grp: 1 } },
            },
          },
        },
      });
      const logs = new Map<string, { t: number; cost: number }[]>();
      const record = (key: string, cost: number) => {
        const log = logs.get(key) ?? [];
        logs.set(key, log);
        log.push({ t: clock.now(), cost });
      };
      const inFlight = new Map<string, number>();
      const reqs: Req[] = [];
      const problems: string[] = [];

      const issue = (r: Req) => {
        r.state = 'pending';
        const ac = new AbortController();
        const [method, path] = r.endpoint.split(' ') as [string, string];
        const promise = limiter.acquire({
          exchange: 'okx',
          account: r.account,
          method,
          path,
          priority: r.priority,
          signal: ac.signal,
        });
        promise.then(
          (permit: Permit) => {
            if (r.state !== 'pending') problems.push(`#${r.seq} admitted after it was ${r.state}`);
            for (const q of reqs) {
              if (q.state !== 'pending' || q.account !== r.account || q === r) continue;
              if (q.priority > r.priority || (q.priority === r.priority && q.seq < r.seq))
                problems.push(`#${r.seq} (p${r.priority}) went before waiting #${q.seq} (p${q.priority})`);
            }
            r.state = 'admitted';
            admittedTotal++;
            record('ip', r.endpoint === 'GET /a' ? ipWeightA : 1);
            record(`acct:${r.account}`, 1);
            record(`grp:${r.account}:${r.endpoint}`, r.endpoint === 'GET /a' ? 2 : 1);
            const n = (inFlight.get(r.account) ?? 0) + 1;
            inFlight.set(r.account, n);
            if (acct.concurrency !== undefined && n > acct.concurrency)
              problems.push(`${n} in flight for ${r.account} > ${acct.concurrency}`);
            const hold = Math.floor(random() * 400);
            const roll = random();
            const feedback: LimitFeedback | undefined =
              roll < 0.03
                ? { status: 429, rateLimited: true, retryAfterMs: Math.floor(random() * 1500) }
                : roll < 0.06
                  ? {
                      status: 200,
                      usage: [{ scope: 'ip', windowMs: ip.windows[0]!.windowMs, used: 2, source: 'test' }],
                    }
                  : undefined;
            void clock.sleep(hold).then(() => {
              inFlight.set(r.account, inFlight.get(r.account)! - 1);
              permit.release(feedback);
            });
          },
          (error: CtsError) => {
            if (error.code === 'aborted') {
              if (r.state !== 'aborted') problems.push(`#${r.seq} aborted without abort()`);
            } else if (error.code === 'limiter.max_wait') r.state = 'rejected';
            else problems.push(`#${r.seq} unexpected ${error.code}`);
          },
        );
        if (random() < 0.2) {
          void clock.sleep(Math.floor(random() * 3000)).then(() => {
            if (r.state === 'pending') {
              r.state = 'aborted';
              abortedTotal++;
            }
            ac.abort();
          });
        }
      };

      let at = 0;
      for (let seq = 0; seq < REQUESTS; seq++) {
        at += Math.floor(random() * (random() < 0.3 ? 400 : 40));
        const r: Req = {
          seq,
          account: ['a', 'b', 'c'][Math.floor(random() * 3)]!,
          endpoint: random() < 0.5 ? 'GET /a' : 'GET /b',
          priority: Math.floor(random() * 3),
          state: 'new',
        };
        reqs.push(r);
        void clock.sleep(at).then(() => issue(r));
      }
      let steps = 0;
      while ((await clock.tick()) && steps++ < 20_000) {}

      for (const [key, log] of logs) {
        const windows = key === 'ip' ? ip.windows : key.startsWith('acct:') ? acct.windows : grp.windows;
        for (const v of windowViolations(log, windows)) problems.push(`round ${round} ${key}: ${v}`);
      }
      const stuck = reqs.filter((r) => r.state === 'pending' || r.state === 'new');
      if (stuck.length) problems.push(`round ${round}: ${stuck.length} requests never settled`);
      expect(problems).toEqual([]);
      expect(clock.pending).toBe(0);
    }
    expect(admittedTotal).toBeGreaterThan(ROUNDS * REQUESTS * 0.5);
    expect(abortedTotal).toBeGreaterThan(0);
  }, 60_000);
});
