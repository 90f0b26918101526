/**
 * Decision latency of the limiter stores, side by side in one run:
 * - MemoryLimiterStore.reserve, in process (Node);
 * - HttpLimiterStore.reserve → the Worker's /limiter/reserve in local workerd → LimiterObject (SQLite write), with
 *   the Durable Object state on tmpfs and on disk (the commit's fsync);
 * - GET /healthz of the same Worker: the HTTP round trip alone, to subtract;
 * - inside workerd (bench/fixtures/bench-entry.ts): DurableObjectLimiterStore.reserve — the Worker's own path, one
 *   RPC to the LimiterObject — beside MemoryLimiterStore in the same isolate. workerd's clock moves in 1 ms steps
 *   and only across I/O, so each sample there is the mean of a batch of 20 sequential decisions.
 * Run: npm run bench -w @cts/worker   (CTS_BENCH_N=2000 for more samples)
 */
import { fileURLToPath } from 'node:url';
import { type BucketRule, HttpLimiterStore, MemoryLimiterStore } from '@cts/core';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { startWorker, tempDir } from '../test/harness.ts';

const N = Number(process.env.CTS_BENCH_N ?? 500);
const WARMUP = 50;
const rule: BucketRule = { per: 'ip', windows: [{ windowMs: 60_000, limit: 1e9 }] };

interface Row {
  system: string;
  p50: number;
  p99: number;
  mean: number;
}

async function measure(system: string, op: (i: number) => unknown): Promise<Row> {
  for (let i = 0; i < WARMUP; i++) await op(i);
  const samples: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    await op(i);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { system, p50: at(0.5), p99: at(0.99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

const rows: Row[] = [];
const memory = new MemoryLimiterStore();
rows.push(
  await measure('MemoryLimiterStore.reserve (Node, in process)', (i) => memory.reserve('k', rule, 1, i)),
);

for (const where of ['tmpfs', 'disk'] as const) {
  const dir = tempDir(where);
  const w = await startWorker({ persistDir: dir.path });
  try {
    const store = new HttpLimiterStore({ url: w.url, secret: w.limiterSecret, namespace: where });
    rows.push(
      await measure(`HttpLimiterStore → Worker → LimiterObject (workerd, ${where})`, () =>
        store.reserve('binance:ip', rule, 1, Date.now()),
      ),
    );
    if (where === 'tmpfs')
      rows.push(
        await measure('GET /healthz of the Worker (HTTP round trip only)', async () =>
          (await fetch(`${w.url}/healthz`)).text(),
        ),
      );
  } finally {
    await w.close();
    dir.remove();
  }
}

/** Decisions timed inside workerd by the bench-only Worker. */
async function insideWorkerd(where: 'tmpfs' | 'disk'): Promise<Row[]> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./fixtures/bench-entry.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    external: ['cloudflare:*'],
    write: false,
    logLevel: 'silent',
  });
  const dir = tempDir(where);
  const mf = new Miniflare({
    modules: true,
    script: out.outputFiles[0]!.text,
    compatibilityDate: '2026-08-01',
    durableObjects: { LIMITER: { className: 'LimiterObject', useSQLite: true } },
    durableObjectsPersist: dir.path,
  });
  try {
    const batches = Math.max(10, Math.round(N / 20));
    const res = await mf.dispatchFetch(`http://bench/?n=${batches}&batch=20`);
    const r = (await res.json()) as { rpc: number[]; memoryMean: number; batch: number };
    const s = [...r.rpc].sort((a, b) => a - b);
    const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
    const rows: Row[] = [
      {
        system: `DurableObjectLimiterStore.reserve in workerd (RPC, ${where}; ×${r.batch} means)`,
        p50: at(0.5),
        p99: at(0.99),
        mean: s.reduce((a, b) => a + b, 0) / s.length,
      },
    ];
    if (where === 'tmpfs')
      rows.push({
        system: 'MemoryLimiterStore.reserve in workerd (mean only)',
        p50: Number.NaN,
        p99: Number.NaN,
        mean: r.memoryMean,
      });
    return rows;
  } finally {
    await mf.dispose();
    dir.remove();
  }
}

rows.push(...(await insideWorkerd('tmpfs')), ...(await insideWorkerd('disk')));

const fmt = (ms: number) =>
  Number.isNaN(ms) ? '—' : ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;
console.log(`\nLimiter decision latency, ${N} sequential decisions per row (after ${WARMUP} warm-up)\n`);
console.log(`${'system'.padEnd(70)} ${'p50'.padStart(10)} ${'p99'.padStart(10)} ${'mean'.padStart(10)}`);
for (const r of rows)
  console.log(
    `${r.system.padEnd(70)} ${fmt(r.p50).padStart(10)} ${fmt(r.p99).padStart(10)} ${fmt(r.mean).padStart(10)}`,
  );
