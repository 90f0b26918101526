import { ConnectionCoordinator } from '../src/coordinator/connection-coordinator.ts';
import { CredentialVault, generateMasterKey } from '../src/crypto/vault.ts';
import { EXCHANGES } from '../src/exchanges/catalog.ts';
import { systemClock } from '../src/ports/clock.ts';
import { createMemoryStorage } from '../src/storage/memory/memory-storage.ts';

function used(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * Memory of `count` connections with a day of health samples (one every 5 minutes, 288 each) in the memory
 * storage, rebuilt into the coordinator's bounded aggregates by start(). Run node with --expose-gc for exact figures.
 */
export async function measureHealthMemory(count: number): Promise<Record<string, string | number>> {
  const before = used();
  const storage = createMemoryStorage();
  const vault = await CredentialVault.fromKeys({ current: { id: 'bench', key: generateMasterKey() } });
  const coordinator = new ConnectionCoordinator({
    storage,
    vault,
    clock: systemClock,
    scheduler: { every: () => () => {} },
  });
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const exchange = EXCHANGES[i % EXCHANGES.length]!;
    const c = await coordinator.createConnection({
      name: `memory ${i}`,
      exchange,
      api_type: 'spot',
      api_key: `key-${i.toString(36).padStart(12, '0')}`,
      api_secret: `secret-${i}`,
      api_passphrase: exchange === 'okx' ? 'passphrase' : undefined,
      enabled: false,
    });
    for (let s = 0; s < 288; s++)
      await storage.healthSamples.add({
        connectionId: c.id,
        at: now - (288 - s) * 300_000,
        success: s % 50 !== 0,
        responseTimeMs: 80 + ((s * 37) % 120),
        errorCode: s % 50 === 0 ? 'timeout' : null,
      });
  }
  const stored = used();
  const report = await coordinator.start();
  const health = await coordinator.getHealth();
  const total = used();
  await coordinator.stop();
  const mb = (b: number) => (b / 1048576).toFixed(1);
  return {
    connections: count,
    samples: report?.samples ?? 0,
    'storage MB': mb(stored - before),
    'aggregates MB': mb(total - stored),
    'total MB': mb(total - before),
    'average uptime': health.summary.averageUptime,
    'gc exposed': typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'yes' : 'no',
  };
}
