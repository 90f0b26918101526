/**
 * In-process throughput of signed requests through the whole pipeline (key lookup, IP and UID limits,
 * timestamp, signature, permissions, reply). Thousands of accounts, each with its own client IP (X-Forwarded-For
 * with trustProxy) so the per-IP limits of the published profile are not what is measured.
 * Run: npm run bench -w @cts/sim   (plain node script, prints a table)
 * "req/s" is wall-clock (depends on what else the machine runs); "req/s per core" is 1 / CPU time per request,
 * client-side signing included, which is what the simulator can sustain on one free core.
 */
import { createHmac } from 'node:crypto';
import type { CreatedAccount } from '../src/accounts/account-store.ts';
import { createSimulator } from '../src/app.ts';

const ACCOUNTS = Number(process.env.SIM_BENCH_ACCOUNTS ?? 3000);
const REQUESTS = Number(process.env.SIM_BENCH_REQUESTS ?? 6000);
const hex = (secret: string, msg: string) => createHmac('sha256', secret).update(msg).digest('hex');
const b64 = (secret: string, msg: string) => createHmac('sha256', secret).update(msg).digest('base64');

type Build = (a: CreatedAccount, now: number) => { url: string; headers: Record<string, string> };
const BASE = 'http://sim.local';

const CASES: { exchange: CreatedAccount['exchange']; label: string; build: Build }[] = [
  {
    exchange: 'bybit',
    label: 'GET /v5/account/wallet-balance',
    build: (a, now) => {
      const q = 'accountType=UNIFIED';
      return {
        url: `${BASE}/bybit/v5/account/wallet-balance?${q}`,
        headers: {
          'X-BAPI-API-KEY': a.apiKey,
          'X-BAPI-TIMESTAMP': String(now),
          'X-BAPI-RECV-WINDOW': '5000',
          'X-BAPI-SIGN': hex(a.apiSecret, `${now}${a.apiKey}5000${q}`),
        },
      };
    },
  },
  {
    exchange: 'binance',
    label: 'GET /api/v3/account',
    build: (a, now) => {
      const q = `timestamp=${now}`;
      return {
        url: `${BASE}/binance/api/v3/account?${q}&signature=${hex(a.apiSecret, q)}`,
        headers: { 'X-MBX-APIKEY': a.apiKey },
      };
    },
  },
  {
    exchange: 'okx',
    label: 'GET /api/v5/account/balance',
    build: (a, now) => {
      const ts = new Date(now).toISOString();
      return {
        url: `${BASE}/okx/api/v5/account/balance`,
        headers: {
          'OK-ACCESS-KEY': a.apiKey,
          'OK-ACCESS-SIGN': b64(a.apiSecret, `${ts}GET/api/v5/account/balance`),
          'OK-ACCESS-TIMESTAMP': ts,
          'OK-ACCESS-PASSPHRASE': a.passphrase ?? '',
        },
      };
    },
  },
  {
    exchange: 'bingx',
    label: 'GET /openApi/swap/v3/user/balance',
    build: (a, now) => {
      const q = `timestamp=${now}`;
      return {
        url: `${BASE}/bingx/openApi/swap/v3/user/balance?${q}&signature=${hex(a.apiSecret, q)}`,
        headers: { 'X-BX-APIKEY': a.apiKey },
      };
    },
  },
  {
    exchange: 'pionex',
    label: 'GET /api/v1/account/balances',
    build: (a, now) => ({
      url: `${BASE}/pionex/api/v1/account/balances?timestamp=${now}`,
      headers: {
        'PIONEX-KEY': a.apiKey,
        'PIONEX-SIGNATURE': hex(a.apiSecret, `GET/api/v1/account/balances?timestamp=${now}`),
      },
    }),
  },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

async function run(concurrency: number) {
  const rows = [];
  for (const c of CASES) {
    const sim = createSimulator({ trustProxy: true });
    const accounts: CreatedAccount[] = [];
    for (let i = 0; i < ACCOUNTS; i++) accounts.push(await sim.createAccount({ exchange: c.exchange }));
    const ips = accounts.map((_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    const latencies: number[] = [];
    let ok = 0;
    let next = 0;
    const worker = async () => {
      while (next < REQUESTS) {
        const i = next++;
        const a = accounts[i % accounts.length]!;
        const t0 = performance.now();
        const { url, headers } = c.build(a, Date.now());
        const res = await sim.fetch(url, {
          headers: { ...headers, 'x-forwarded-for': ips[i % accounts.length]! },
        });
        await res.arrayBuffer();
        latencies.push((performance.now() - t0) * 1000);
        if (res.status === 200) ok++;
      }
    };
    // Warm-up (JIT, key imports), not counted.
    for (let i = 0; i < 200; i++) {
      const a = accounts[i % accounts.length]!;
      const { url, headers } = c.build(a, Date.now());
      await (await sim.fetch(url, { headers: { ...headers, 'x-forwarded-for': '192.0.2.1' } })).arrayBuffer();
    }
    sim.reset({ keepAccounts: true });
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const cpu = process.cpuUsage(cpu0);
    const seconds = (performance.now() - start) / 1000;
    const cpuUsPerReq = (cpu.user + cpu.system) / REQUESTS;
    latencies.sort((x, y) => x - y);
    rows.push({
      exchange: c.exchange,
      endpoint: c.label,
      accounts: ACCOUNTS,
      concurrency,
      'req/s': Math.round(REQUESTS / seconds),
      'CPU µs/req': Math.round(cpuUsPerReq),
      'req/s per core': Math.round(1e6 / cpuUsPerReq),
      'p50 µs': Math.round(percentile(latencies, 50)),
      'p99 µs': Math.round(percentile(latencies, 99)),
      'accepted %': Number(((100 * ok) / REQUESTS).toFixed(1)),
    });
  }
  return rows;
}

const rows = [...(await run(1)), ...(await run(32))];
console.log(`cts simulator, in-process signed requests (${REQUESTS} per row, node ${process.version})`);
console.table(rows);
