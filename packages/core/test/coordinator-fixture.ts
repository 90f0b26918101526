import { createDb, createLibsqlClient, createLibsqlStorage, migrate } from '@cts/db';
import { type AccountInput, createSimulator } from '@cts/sim';
import { ManualClock } from '@cts/testkit';
import { ConnectionCoordinator } from '../src/coordinator/connection-coordinator.ts';
import type { CoordinatorOptions } from '../src/coordinator/options.ts';
import type { CreateConnectionInput } from '../src/coordinator/types.ts';
import { CredentialVault, generateMasterKey } from '../src/crypto/vault.ts';
import type { ApiType, ExchangeId } from '../src/exchanges/catalog.ts';
import { createClockScheduler } from '../src/scheduler/scheduler.ts';
import { cacheConnections } from '../src/storage/caching-connection-repo.ts';
import { createMemoryStorage } from '../src/storage/memory/memory-storage.ts';
import type { Storage } from '../src/storage/ports.ts';

export const SIM_URL = 'http://sim.local';

/**
 * The storages the coordinator tests run on: memory, libSQL :memory: with the real migrations, and the same libSQL
 * behind the write-through connection cache the Node server uses (every coordinator write path must keep it current).
 */
export const STORAGES = ['memory', 'libsql', 'libsql+cache'] as const;
export type StorageKind = (typeof STORAGES)[number];

export async function makeStorage(kind: StorageKind): Promise<Storage> {
  if (kind === 'memory') return createMemoryStorage();
  const db = createDb(createLibsqlClient(':memory:'));
  await migrate(db);
  const storage = createLibsqlStorage(db);
  return kind === 'libsql+cache' ? cacheConnections(storage) : storage;
}

/**
 * A coordinator wired to the real connectors, the real vault and an in-process simulator, all on one ManualClock.
 * Connectors do not retry (connectorMaxRetries 0) so no request waits on the clock; time moves only when a test
 * advances it.
 */
export async function createFixture(
  options: {
    kind?: StorageKind;
    storage?: Storage;
    clock?: ManualClock;
    coordinator?: Partial<CoordinatorOptions>;
  } = {},
) {
  const clock = options.clock ?? new ManualClock();
  const sim = createSimulator({ clock });
  const vault = await CredentialVault.fromKeys({ current: { id: 'k1', key: generateMasterKey() } });
  const storage = options.storage ?? (await makeStorage(options.kind ?? 'memory'));
  const build = (extra: Partial<CoordinatorOptions> = {}) =>
    new ConnectionCoordinator({
      storage,
      vault,
      clock,
      fetch: sim.fetch,
      exchangeBaseUrl: SIM_URL,
      scheduler: createClockScheduler(clock),
      connectorMaxRetries: 0,
      breaker: { failureThreshold: 3, cooldownMs: 60_000 },
      ...options.coordinator,
      ...extra,
    });
  const coordinator = build();

  /** A simulator account and the create body for it. */
  async function input(
    exchange: ExchangeId,
    apiType: ApiType = 'spot',
    account: Partial<AccountInput> = {},
  ): Promise<CreateConnectionInput & { keyId: string }> {
    const acct = await sim.createAccount({ exchange, ...account } as AccountInput);
    return {
      name: `${exchange} ${apiType}`,
      exchange,
      api_type: apiType,
      api_key: acct.apiKey,
      api_secret: acct.apiSecret,
      api_passphrase: acct.passphrase,
      is_testnet: account.environment !== undefined && account.environment !== 'mainnet',
      keyId: acct.id,
    };
  }

  return { clock, sim, vault, storage, coordinator, build, input };
}

/** Polls `check` on real time (bounded) until it returns true: for work that goes through Web Crypto's thread pool. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}
