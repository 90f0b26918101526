/**
 * CTS beside a user's ccxt script: the same connections (spot accounts on the four exchanges ccxt has — Binance,
 * Bybit, OKX, BingX; ccxt has no Pionex or OrangeX) tested against the same simulator over real HTTP on loopback
 * (published limits, latency 50–150 ms). ccxt runs as a user would: one exchange instance per key with
 * `enableRateLimit`, every key at once, one `fetchBalance` each. CTS runs its batch test (clock sync, balance,
 * permissions) through the coordinator. Both report the makespan, failed tests and the simulator's rate-limit
 * violations.
 */
import { type CreatedAccount, type SimulatorServer, startSimulatorServer } from '@cts/sim';
import ccxt from 'ccxt';
import { ConnectionCoordinator } from '../src/coordinator/connection-coordinator.ts';
import { CredentialVault, generateMasterKey } from '../src/crypto/vault.ts';
import type { ExchangeId } from '../src/exchanges/catalog.ts';
import { RateLimiter } from '../src/limiter/rate-limiter.ts';
import { createMemoryStorage } from '../src/storage/memory/memory-storage.ts';

export const CCXT_EXCHANGES = ['binance', 'bybit', 'okx', 'bingx'] as const satisfies readonly ExchangeId[];
const LATENCY = { type: 'uniform', minMs: 50, maxMs: 150 } as const;

export interface CompareRow {
  system: string;
  connections: number;
  makespanMs: number;
  requests: number;
  failed: number;
  violations: number;
}

type Ex = InstanceType<typeof ccxt.Exchange>;

/** A ccxt instance pointed at the simulator, as the ccxt tests in packages/sim do (markets preset: no market load). */
function ccxtFor(a: CreatedAccount, url: string): Ex {
  const root = `${url}/${a.exchange}`;
  const common = { apiKey: a.apiKey, secret: a.apiSecret, enableRateLimit: true };
  let ex: Ex;
  let api: Record<string, string>;
  if (a.exchange === 'binance') {
    ex = new ccxt.binance(common);
    api = { public: `${root}/api/v3`, private: `${root}/api/v3`, sapi: `${root}/sapi/v1` };
  } else if (a.exchange === 'bybit') {
    ex = new ccxt.bybit({ ...common, options: { enableUnifiedAccount: true, enableUnifiedMargin: false } });
    api = { public: root, private: root };
  } else if (a.exchange === 'okx') {
    ex = new ccxt.okx({ ...common, password: a.passphrase });
    api = { rest: root };
  } else {
    ex = new ccxt.bingx(common);
    api = {
      spot: `${root}/openApi`,
      swap: `${root}/openApi`,
      account: `${root}/openApi`,
      user: `${root}/openApi`,
    };
  }
  ex.urls.api = { ...(ex.urls.api as Record<string, string>), ...api };
  ex.markets = {} as Ex['markets'];
  return ex;
}

function totals(server: SimulatorServer): { requests: number; violations: number } {
  const stats = server.simulator.stats();
  let requests = 0;
  let violations = 0;
  for (const e of CCXT_EXCHANGES) {
    requests += stats[e]?.total.requests ?? 0;
    violations += stats[e]?.total.rateLimitViolations ?? 0;
  }
  return { requests, violations };
}

async function runCcxt(server: SimulatorServer, accounts: CreatedAccount[]): Promise<CompareRow> {
  const instances = accounts.map((a) => ccxtFor(a, server.url));
  server.simulator.reset({ keepAccounts: true });
  server.simulator.setFaults({ seed: 7, faults: [{ kind: 'latency', latency: LATENCY }] });
  const started = performance.now();
  const results = await Promise.allSettled(instances.map((ex) => ex.fetchBalance()));
  const makespanMs = performance.now() - started;
  return {
    system: 'ccxt script (instance per key, enableRateLimit)',
    connections: accounts.length,
    makespanMs,
    ...totals(server),
    failed: results.filter((r) => r.status === 'rejected').length,
  };
}

async function runCts(server: SimulatorServer, accounts: CreatedAccount[]): Promise<CompareRow> {
  const limiter = new RateLimiter({ profile: 'published', maxQueue: 100_000, maxWaitMs: 3_600_000 });
  const coordinator = new ConnectionCoordinator({
    storage: createMemoryStorage(),
    vault: await CredentialVault.fromKeys({ current: { id: 'bench', key: generateMasterKey() } }),
    limiter,
    limiterUsage: (exchange, account) => limiter.usage(exchange, account),
    exchangeBaseUrl: server.url,
    connectorTimeoutMs: 60_000,
    batchConcurrency: 10,
    scheduler: { every: () => () => {} },
  });
  const ids: string[] = [];
  for (const [i, a] of accounts.entries()) {
    const c = await coordinator.createConnection({
      name: `compare ${i}`,
      exchange: a.exchange,
      api_type: 'spot',
      api_key: a.apiKey,
      api_secret: a.apiSecret,
      api_passphrase: a.passphrase,
      enabled: false,
    });
    ids.push(c.id);
  }
  server.simulator.reset({ keepAccounts: true });
  server.simulator.setFaults({ seed: 7, faults: [{ kind: 'latency', latency: LATENCY }] });
  const started = performance.now();
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += 50) chunks.push(ids.slice(i, i + 50));
  const summaries = await Promise.all(chunks.map((chunk) => coordinator.testConnections(chunk)));
  const makespanMs = performance.now() - started;
  await coordinator.stop();
  return {
    system: 'CTS batch test',
    connections: accounts.length,
    makespanMs,
    ...totals(server),
    failed: summaries.reduce((n, s) => n + s.failed, 0),
  };
}

/** CTS and ccxt on the same `size` accounts (spread over the four exchanges), each against a fresh simulator state. */
export async function compareWithCcxt(size: number): Promise<CompareRow[]> {
  const server = await startSimulatorServer({ port: 0, profile: 'published' });
  try {
    const accounts: CreatedAccount[] = [];
    for (let i = 0; i < size; i++)
      accounts.push(
        await server.simulator.createAccount({ exchange: CCXT_EXCHANGES[i % CCXT_EXCHANGES.length]! }),
      );
    const cts = await runCts(server, accounts);
    const user = await runCcxt(server, accounts);
    return [cts, user];
  } finally {
    await server.close();
  }
}
