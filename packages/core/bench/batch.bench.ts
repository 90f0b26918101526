/**
 * Batch bench: tests 50, 500 and 5,000 connections spread over the six exchanges against the simulator with
 * realistic latency (50–150 ms uniform), through the real connectors and the real rate limiter. Prints the makespan
 * beside the lower bound the exchanges' published limits and the latency allow, and the simulator's count of
 * rate-limit violations; then the memory of 5,000 connections with a day of health samples.
 *
 *   node --expose-gc bench/batch.bench.ts [--sizes=50,500,5000] [--health=100,1000] [--ccxt=50,500] [--compare]
 *
 * --health times a health check of every connection (the scheduler's round: clock offset from the shared cache,
 * one balance call) beside the same bound.
 *
 * --ccxt (default 50,500; `--ccxt=` for none) tests the same connections with a user's ccxt script beside CTS's batch
 * (ccxt-compare.ts).
 *
 * --compare also runs the 500 batch with 10 slots over all exchanges (the seed's count, shared fairly) beside the
 * per-exchange lanes (10 slots each). --headroom=<ms> widens each limiter window (default 0: the limiter counts a
 * request from its reply, which already covers the wire's jitter).
 *
 * The coordinator shares one clock offset per exchange (ClockOffsetCache, 5-minute TTL): a batch makes one 3-sample
 * sync per exchange, then 2 signed calls per test, so OKX's public time endpoint (10 per 2 s) no longer binds.
 */
import { createSimulator } from '@cts/sim';
import { ConnectionCoordinator } from '../src/coordinator/connection-coordinator.ts';
import { CredentialVault, generateMasterKey } from '../src/crypto/vault.ts';
import { EXCHANGES, type ExchangeId } from '../src/exchanges/catalog.ts';
import type { RequestGate } from '../src/limiter/gate.ts';
import { RateLimiter } from '../src/limiter/rate-limiter.ts';
import { systemClock } from '../src/ports/clock.ts';
import { createMemoryStorage } from '../src/storage/memory/memory-storage.ts';
import { CCXT_EXCHANGES, compareWithCcxt } from './ccxt-compare.ts';
import { publishedWithHeadroom } from './headroom.ts';
import { measureHealthMemory } from './health-memory.ts';
import { lowerBound } from './lower-bound.ts';
import { starvation } from './starvation.ts';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const sizes = (args.get('sizes') ?? '50,500,5000').split(',').map(Number);
const LATENCY = { minMs: 50, maxMs: 150 };
/** Optional widening of every limiter window (see headroom.ts); 0 runs the published limits as they are. */
const JITTER_MS = Number(args.get('headroom') ?? 0);

interface Run {
  label: string;
  connections: number;
  makespanMs: number;
  boundMs: number;
  replyBoundMs: number;
  requests: number;
  binding: string;
  violations: number;
  failed: number;
}

async function runBatch(
  size: number,
  mode: 'lanes' | 'single',
  type: 'test' | 'health' = 'test',
): Promise<Run> {
  const sim = createSimulator({ profile: 'published' });
  sim.setFaults({ seed: 7, faults: [{ kind: 'latency', latency: { type: 'uniform', ...LATENCY } }] });
  const limiter = new RateLimiter({
    profile: 'published',
    maxQueue: 100_000,
    maxWaitMs: 3_600_000,
    ...(JITTER_MS > 0 ? { rules: publishedWithHeadroom(JITTER_MS) } : {}),
  });
  const sent: Array<{ exchange: ExchangeId; account: string; method: string; path: string }> = [];
  const recording: RequestGate = {
    acquire: (r) => {
      sent.push({ exchange: r.exchange, account: r.account, method: r.method, path: r.path });
      return limiter.acquire(r);
    },
  };
  const vault = await CredentialVault.fromKeys({ current: { id: 'bench', key: generateMasterKey() } });
  const coordinator = new ConnectionCoordinator({
    storage: createMemoryStorage(),
    vault,
    limiter: recording,
    limiterUsage: (exchange, account) => limiter.usage(exchange, account),
    fetch: sim.fetch,
    exchangeBaseUrl: 'http://sim.local',
    clock: systemClock,
    connectorTimeoutMs: 60_000,
    batchConcurrency: 10,
    // 10 slots over every exchange (the seed's count), shared fairly: a freed slot goes to the least busy exchange.
    ...(mode === 'single' ? { batchMaxActive: 10, batchConcurrency: 10 } : {}),
    scheduler: { every: () => () => {} },
  });
  const ids: string[] = [];
  for (let i = 0; i < size; i++) {
    const exchange = EXCHANGES[i % EXCHANGES.length]!;
    const acct = await sim.createAccount({ exchange });
    const c = await coordinator.createConnection({
      name: `bench ${i}`,
      exchange,
      api_type: 'spot',
      api_key: acct.apiKey,
      api_secret: acct.apiSecret,
      api_passphrase: acct.passphrase,
      enabled: false,
    });
    ids.push(c.id);
  }
  sim.reset({ keepAccounts: true });
  sim.setFaults({ seed: 7, faults: [{ kind: 'latency', latency: { type: 'uniform', ...LATENCY } }] });
  const started = performance.now();
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += 50) chunks.push(ids.slice(i, i + 50));
  const summaries = await Promise.all(
    chunks.map((chunk) => coordinator.testConnections(chunk, { testType: type })),
  );
  const makespanMs = performance.now() - started;
  // A test syncs the clock with 3 samples, a health check with 1 (shared per exchange either way).
  const samples = type === 'test' ? 3 : 1;
  const bound = lowerBound(sent, LATENCY, 0, samples);
  // A sender that counts each request from its reply (the limiter) cannot send the next one in a full window before
  // that reply + the window, and the next request needs its own latency to arrive: per window, + min latency.
  const replyBound = lowerBound(sent, LATENCY, JITTER_MS + LATENCY.minMs, samples);
  const stats = sim.stats();
  let violations = 0;
  const where: string[] = [];
  for (const e of EXCHANGES) {
    const v = stats[e]?.total.rateLimitViolations ?? 0;
    violations += v;
    if (v > 0) where.push(`${e} ${v}`);
  }
  if (where.length > 0) console.error(`rate-limit violations at ${size} connections: ${where.join(', ')}`);
  await coordinator.stop();
  return {
    label: `${type === 'health' ? 'health check' : 'test'}, ${mode === 'lanes' ? 'lanes: 10 per exchange' : '10 in all, fair per exchange'}`,
    connections: size,
    makespanMs,
    boundMs: bound.ms,
    replyBoundMs: replyBound.ms,
    requests: sent.length,
    binding: bound.binding,
    violations,
    failed: summaries.reduce((n, s) => n + s.failed, 0),
  };
}

const healthSizes = (args.get('health') ?? '100,1000').split(',').filter(Boolean).map(Number);
const runs: Run[] = [];
for (const [size, type] of [
  ...sizes.map((n) => [n, 'test'] as const),
  ...healthSizes.map((n) => [n, 'health'] as const),
]) {
  runs.push(await runBatch(size, 'lanes', type));
  if (args.has('compare') && size === 500 && type === 'test') runs.push(await runBatch(size, 'single'));
  const r = runs.at(-1)!;
  console.error(`done: ${r.label}, ${r.connections} connections in ${(r.makespanMs / 1000).toFixed(1)} s`);
}
console.log(
  `\nBatch test and health check over the six exchanges (simulator: published limits, latency ${LATENCY.minMs}–${LATENCY.maxMs} ms uniform; limiter windows + ${JITTER_MS} ms; shared clock offset)\n`,
);
console.table(
  runs.map((r) => ({
    run: r.label,
    connections: r.connections,
    'makespan s': (r.makespanMs / 1000).toFixed(2),
    'lower bound s': (r.boundMs / 1000).toFixed(2),
    'vs bound': `${(r.makespanMs / r.boundMs).toFixed(2)}×`,
    'bound set by': r.binding,
    'bound counting from replies s': (r.replyBoundMs / 1000).toFixed(2),
    'vs that': `${(r.makespanMs / r.replyBoundMs).toFixed(2)}×`,
    'requests per test': (r.requests / r.connections).toFixed(2),
    'rate-limit violations': r.violations,
    'failed tests': r.failed,
  })),
);

if (args.has('compare')) {
  const rows = [];
  for (const mode of ['lanes', 'shared'] as const) {
    const r = await starvation(mode);
    rows.push({
      scheduling: mode === 'lanes' ? 'lanes: 10 per exchange' : '10 in all, fair per exchange',
      '50 BingX tests (2 s replies) s': r.slowBatchS.toFixed(2),
      '50 tests on the 5 others, sent 50 ms later s': r.othersBatchS.toFixed(2),
    });
  }
  console.log('\nA slow exchange beside the others (BingX replies take 2 s)\n');
  console.table(rows);
}

const ccxtSizes = (args.get('ccxt') ?? '50,500').split(',').filter(Boolean).map(Number);
if (ccxtSizes.length > 0) {
  const rows = [];
  for (const size of ccxtSizes) rows.push(...(await compareWithCcxt(size)));
  console.log(
    `\nThe same connections tested by CTS and by a ccxt script (${CCXT_EXCHANGES.join(', ')}: the exchanges ccxt has; simulator over HTTP on loopback, published limits, latency ${LATENCY.minMs}–${LATENCY.maxMs} ms)\n`,
  );
  console.table(
    rows.map((r) => ({
      system: r.system,
      connections: r.connections,
      'makespan s': (r.makespanMs / 1000).toFixed(2),
      'requests sent': r.requests,
      'failed tests': r.failed,
      'rate-limit violations': r.violations,
    })),
  );
}

const memory = await measureHealthMemory(5000);
console.log(
  '\nMemory: 5,000 connections with a day of 5-minute health samples (memory storage + aggregates)\n',
);
console.table([memory]);
