/**
 * The relay hop's added latency: the same exchange call (the simulator's Bybit server time, on loopback) sent
 * direct and through the egress relay (core's createRelayFetch: envelope signed with Web Crypto, relay checks it and
 * forwards from 127.0.0.2 over a keep-alive agent), interleaved call by call in one run, one at a time.
 *
 * Run: npm run bench -w @cts/relay, or node bench/relay.bench.ts [calls]
 */
import { randomHex } from '@cts/core';
import { createRelayFetch } from '@cts/core/egress';
import { startSimulatorServer } from '@cts/sim';
import { startRelay } from '../src/index.ts';

// Bybit allows 600 requests per 5 s per IP (the simulator enforces it): 550 a side stays under it.
const CALLS = Number(process.argv[2] ?? 500);
const WARMUP = 50;

const sim = await startSimulatorServer({ port: 0 });
const secret = randomHex(32);
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const relay = await startRelay({
  secret,
  port: 0,
  localAddress: '127.0.0.2',
  simulatorUrl: sim.url,
  logger: silent,
});
const relayed = createRelayFetch({
  relays: [{ url: relay.url, secret, ips: ['127.0.0.2'] }],
  exchangeBaseUrl: sim.url,
});
const url = `${sim.url}/bybit/v5/market/time`;

async function once(f: typeof fetch | ReturnType<typeof createRelayFetch>): Promise<number> {
  const started = performance.now();
  const res = await f(url, { redirect: 'manual' });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return performance.now() - started;
}

const samples = { direct: [] as number[], relay: [] as number[] };
for (let i = 0; i < WARMUP; i++) {
  await once(fetch);
  await once(relayed);
}
for (let i = 0; i < CALLS; i++) {
  // Alternate which goes first so neither gains from the other warming a cache.
  if (i % 2) {
    samples.direct.push(await once(fetch));
    samples.relay.push(await once(relayed));
  } else {
    samples.relay.push(await once(relayed));
    samples.direct.push(await once(fetch));
  }
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
const ms = (v: number) => `${v.toFixed(2)} ms`;
const row = (name: string, v: number[]) => ({
  path: name,
  calls: v.length,
  p50: ms(pct(v, 50)),
  p99: ms(pct(v, 99)),
  mean: ms(v.reduce((a, b) => a + b, 0) / v.length),
});
console.log(
  `Relay hop on loopback (${process.release.name} ${process.version}), ${CALLS} calls each, interleaved:`,
);
console.table([
  row('direct (CTS → simulator)', samples.direct),
  row('relay (CTS → relay → simulator)', samples.relay),
]);
console.log(
  `added by the relay hop: p50 +${ms(pct(samples.relay, 50) - pct(samples.direct, 50))}, p99 +${ms(pct(samples.relay, 99) - pct(samples.direct, 99))}; relay refusals: ${relay.metrics.refusedCount()}`,
);
await relay.close();
await sim.close();
