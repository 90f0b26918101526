/// <reference path="../../server/bench/autocannon.d.ts" />
/**
 * The connection list on the Worker: GET /api/settings/connections over D1 in local workerd (Miniflare, state on
 * tmpfs), 1,000 stored connections, never cached (isolates share D1) — the whole list and a 100-row page
 * (`?limit=100`), autocannon with 10 connections beside GET /healthz of the same Worker (the HTTP round trip alone).
 * Run: npm run bench -w @cts/worker   (CTS_BENCH_LIST=<connections>, CTS_BENCH_SECONDS=<s per row>)
 */
import { issueToken } from '@cts/api';
import autocannon from 'autocannon';
import { startWorker } from '../test/harness.ts';

const STORED = Number(process.env.CTS_BENCH_LIST ?? 1000);
const SECONDS = Number(process.env.CTS_BENCH_SECONDS ?? 5);
const w = await startWorker();
try {
  const token = await issueToken({ secret: w.jwtSecret, sub: 'bench', role: 'admin', ttl: '1h' });
  const auth = { Authorization: `Bearer ${token}` };
  const create = (i: number) =>
    fetch(`${w.url}/api/settings/connections`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: `bench ${i}`,
        exchange: 'bybit',
        api_type: 'spot',
        api_key: `bench-key-${i.toString().padStart(12, '0')}`,
        api_secret: 'bench-secret-0123456789abcdef',
        enabled: false,
      }),
    }).then(async (r) => {
      if (r.status !== 201) throw new Error(`create ${i}: ${r.status} ${await r.text()}`);
    });
  for (let i = 0; i < STORED; i += 20)
    await Promise.all(Array.from({ length: Math.min(20, STORED - i) }, (_, j) => create(i + j)));

  const rows: Array<{ route: string; rps: number; p50: number; p99: number; kib: number; errors: number }> =
    [];
  for (const [route, path, headers] of [
    ['GET /healthz (round trip only)', '/healthz', {}],
    [`list of ${STORED}, D1, no cache`, '/api/settings/connections', auth],
    ['list ?limit=100, D1, no cache', '/api/settings/connections?limit=100', auth],
  ] as const) {
    const url = `${w.url}${path}`;
    await autocannon({ url, connections: 10, duration: 1, headers });
    const r = await autocannon({ url, connections: 10, duration: SECONDS, headers });
    rows.push({
      route,
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      kib: r.throughput.average / Math.max(1, r.requests.average) / 1024,
      errors: r['4xx'] + r['5xx'] + r.errors,
    });
  }
  console.log(
    `\nThe Worker in local workerd over D1: ${STORED} stored connections, 10 concurrent connections, ${SECONDS} s per row\n`,
  );
  console.log(
    `${'route'.padEnd(40)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'KiB/reply'.padStart(10)}  errors`,
  );
  for (const r of rows)
    console.log(
      `${r.route.padEnd(40)} ${r.rps.toFixed(0).padStart(8)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${r.kib.toFixed(1).padStart(10)}  ${r.errors}`,
    );
} finally {
  await w.close();
}
