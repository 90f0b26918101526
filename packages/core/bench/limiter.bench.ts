/**
 * Limiter overhead: our RateLimiter beside Bottleneck and p-queue, same machine, same run.
 * Each is configured as closely as it allows to "at most L per second, at most C at once", with L and C large
 * enough that nothing waits, so the figures are the cost of a decision, not of waiting.
 *
 *   sequential: await acquire → run an empty task → release, one after the other (per-acquire overhead)
 *   burst:      1,000 acquires issued at once, all awaited, repeated (decisions per second)
 *
 * Run: npm run bench (in packages/core), or node bench/limiter.bench.ts
 */

import process from 'node:process';
import Bottleneck from 'bottleneck';
import PQueue from 'p-queue';
import { RateLimiter } from '../src/limiter/index.ts';

const LIMIT = 1_000_000_000;
const CONCURRENCY = 100_000;
/** Each sequential measurement runs for this long (Bottleneck takes milliseconds per call, we take microseconds). */
const BUDGET_MS = 400;
const BURST = 1000;
const ROUNDS = 7;

interface Contender {
  name: string;
  /** Builds a fresh instance; returns a function that runs one task through it. */
  make(): (task: () => Promise<void>) => Promise<void>;
}

const request = {
  exchange: 'bybit',
  account: 'bench',
  method: 'GET',
  path: '/v5/account/wallet-balance',
} as const;

/** Runs each task under a permit of `limiter` for the bench request, released when the task ends. */
function throughLimiter(limiter: RateLimiter): (task: () => Promise<void>) => Promise<void> {
  return async (task) => {
    const permit = await limiter.acquire(request);
    try {
      await task();
    } finally {
      permit.release();
    }
  };
}

const contenders: Contender[] = [
  {
    name: 'cts RateLimiter',
    make() {
      const limiter = new RateLimiter({
        profile: 'seed',
        maxQueue: BURST,
        rules: {
          seed: {
            bybit: {
              buckets: {
                seed: {
                  per: 'account',
                  windows: [{ windowMs: 1000, limit: LIMIT }],
                  concurrency: CONCURRENCY,
                },
              },
            },
          },
        },
      });
      return throughLimiter(limiter);
    },
  },
  {
    // Both rule sets as in production: Bybit wallet-balance counts in 3 scopes (seed account, IP, endpoint).
    name: 'cts, 3 scopes',
    make() {
      const huge = (per: 'ip' | 'account') => ({
        per,
        windows: [{ windowMs: 1000, limit: LIMIT }],
        concurrency: per === 'account' ? CONCURRENCY : undefined,
      });
      const limiter = new RateLimiter({
        maxQueue: BURST,
        rules: {
          seed: { bybit: { buckets: { seed: huge('account') } } },
          published: { bybit: { buckets: { ip: huge('ip'), walletBalance: huge('account') } } },
        },
      });
      return throughLimiter(limiter);
    },
  },
  {
    name: 'Bottleneck 2.19',
    make() {
      const limiter = new Bottleneck({
        maxConcurrent: CONCURRENCY,
        reservoir: LIMIT,
        reservoirRefreshAmount: LIMIT,
        reservoirRefreshInterval: 1000,
      });
      return (task) => limiter.schedule(task);
    },
  },
  {
    name: 'p-queue 10',
    make() {
      const queue = new PQueue({ concurrency: CONCURRENCY, intervalCap: LIMIT, interval: 1000 });
      return (task) => queue.add(task);
    },
  },
];

const task = async () => {};

async function sequential(run: (t: () => Promise<void>) => Promise<void>): Promise<number> {
  const start = performance.now();
  let n = 0;
  let elapsed = 0;
  while (elapsed < BUDGET_MS) {
    for (let i = 0; i < 100; i++) await run(task);
    n += 100;
    elapsed = performance.now() - start;
  }
  return (elapsed * 1000) / n; // µs per acquire
}

async function burst(run: (t: () => Promise<void>) => Promise<void>): Promise<number> {
  const start = performance.now();
  let n = 0;
  let elapsed = 0;
  while (elapsed < BUDGET_MS) {
    const all: Promise<void>[] = new Array(BURST);
    for (let i = 0; i < BURST; i++) all[i] = run(task);
    await Promise.all(all);
    n += BURST;
    elapsed = performance.now() - start;
  }
  return n / (elapsed / 1000); // decisions per second
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Warm-up, then rounds that interleave the contenders so that load changes on the machine hit all of them.
for (const c of contenders) {
  await sequential(c.make());
  await burst(c.make());
}
const samples = contenders.map(() => ({ us: [] as number[], dps: [] as number[] }));
for (let r = 0; r < ROUNDS; r++)
  for (let i = 0; i < contenders.length; i++) {
    samples[i]!.us.push(await sequential(contenders[i]!.make()));
    samples[i]!.dps.push(await burst(contenders[i]!.make()));
  }
const results = contenders.map((c, i) => {
  const us = median(samples[i]!.us);
  return { name: c.name, us, dps: median(samples[i]!.dps), seqDps: 1e6 / us };
});

const ours = results[0]!;
const pad = (s: string, n: number) => s.padEnd(n);
const num = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits });
console.log(`\nLimiter overhead (median of ${ROUNDS} rounds; Node ${globalThis.process?.version ?? ''})`);
console.log(
  `${pad('limiter', 18)}${pad('µs/acquire (seq)', 19)}${pad('acquires/s (seq)', 19)}${pad('decisions/s (burst)', 22)}vs cts (seq / burst)`,
);
for (const r of results) {
  const ratio =
    r.name.startsWith('cts') && r !== ours
      ? `${(r.us / ours.us).toFixed(1)}× / ${(ours.dps / r.dps).toFixed(1)}× (cost of 3 scopes)`
      : r === ours
        ? '—'
        : `${(r.us / ours.us).toFixed(1)}× slower / ${(ours.dps / r.dps).toFixed(1)}× fewer`;
  console.log(
    `${pad(r.name, 18)}${pad(num(r.us, 2), 19)}${pad(num(r.seqDps), 19)}${pad(num(r.dps), 22)}${ratio}`,
  );
}
const slower = results
  .filter((r) => !r.name.startsWith('cts'))
  .filter((r) => r.us <= ours.us || r.dps >= ours.dps);
console.log(
  slower.length === 0
    ? '\ncts RateLimiter has the lowest overhead of the three.'
    : `\ncts RateLimiter is not the lowest against: ${slower.map((r) => r.name).join(', ')}`,
);
process.exit(0); // Bottleneck's reservoir refresh timer would keep the process alive
