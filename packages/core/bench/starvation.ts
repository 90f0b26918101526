import { createSimulator } from '@cts/sim';
import { ConnectionCoordinator } from '../src/coordinator/connection-coordinator.ts';
import { CredentialVault, generateMasterKey } from '../src/crypto/vault.ts';
import { EXCHANGES, type ExchangeId } from '../src/exchanges/catalog.ts';
import { RateLimiter } from '../src/limiter/rate-limiter.ts';
import { createMemoryStorage } from '../src/storage/memory/memory-storage.ts';

/**
 * One slow exchange (every BingX reply takes `slowMs`) gets a 50-connection batch first; then a 50-connection batch
 * over the five other exchanges arrives. Returns how long that second batch takes: with per-exchange lanes it runs
 * at once; with 10 slots shared over every exchange it waits for slow tasks to give slots back.
 */
export async function starvation(
  mode: 'lanes' | 'shared',
  slowMs = 2000,
): Promise<{ slowBatchS: number; othersBatchS: number }> {
  const sim = createSimulator({ profile: 'published' });
  const vault = await CredentialVault.fromKeys({ current: { id: 'bench', key: generateMasterKey() } });
  const coordinator = new ConnectionCoordinator({
    storage: createMemoryStorage(),
    vault,
    limiter: new RateLimiter({ profile: 'published', maxQueue: 100_000, maxWaitMs: 3_600_000 }),
    fetch: sim.fetch,
    exchangeBaseUrl: 'http://sim.local',
    connectorTimeoutMs: 60_000,
    batchConcurrency: 10,
    ...(mode === 'shared' ? { batchMaxActive: 10 } : {}),
    scheduler: { every: () => () => {} },
  });
  const create = async (exchange: ExchangeId) => {
    const acct = await sim.createAccount({ exchange });
    const c = await coordinator.createConnection({
      name: exchange,
      exchange,
      api_type: 'spot',
      api_key: acct.apiKey,
      api_secret: acct.apiSecret,
      api_passphrase: acct.passphrase,
      enabled: false,
    });
    return c.id;
  };
  const slow: string[] = [];
  for (let i = 0; i < 50; i++) slow.push(await create('bingx'));
  const others: string[] = [];
  const rest = EXCHANGES.filter((e) => e !== 'bingx');
  for (let i = 0; i < 50; i++) others.push(await create(rest[i % rest.length]!));
  sim.setFaults({
    faults: [
      { kind: 'latency', exchange: 'bingx', latency: { type: 'fixed', ms: slowMs } },
      ...rest.map((exchange) => ({
        kind: 'latency' as const,
        exchange,
        latency: { type: 'uniform' as const, minMs: 50, maxMs: 150 },
      })),
    ],
  });
  const t0 = performance.now();
  const first = coordinator.testConnections(slow).then(() => performance.now() - t0);
  await new Promise((r) => setTimeout(r, 50));
  const t1 = performance.now();
  const othersMs = await coordinator.testConnections(others).then(() => performance.now() - t1);
  const slowMsTotal = await first;
  await coordinator.stop();
  return { slowBatchS: slowMsTotal / 1000, othersBatchS: othersMs / 1000 };
}
