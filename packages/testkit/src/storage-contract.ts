import type { Storage } from '@cts/core/storage';
import { describe } from 'vitest';
import { alertsContract } from './storage-contract/alerts.ts';
import { batchContract } from './storage-contract/batches.ts';
import { connectionContract } from './storage-contract/connections.ts';
import { credentialsContract } from './storage-contract/credentials.ts';
import { healthSampleContract, testResultContract } from './storage-contract/observations.ts';

export { blob, connectionFields } from './storage-contract/fixtures.ts';

/**
 * The behaviour every Storage implementation (memory, libSQL, D1) must show: every repository method, version
 * conflicts, compare-and-swap credential replacement, filters, ordering, cascade delete, batch atomicity, unfinished() and purgeExpired(), and the alert store (outbox written with a connection update).
 * `makeStorage` must return a fresh, empty storage on each call.
 *
 * @example
 * runStorageContract('libSQL :memory:', async () => {
 *   const db = createDb(createLibsqlClient(':memory:'));
 *   await migrate(db);
 *   return createLibsqlStorage(db);
 * });
 */
export function runStorageContract(name: string, makeStorage: () => Promise<Storage>): void {
  describe(`Storage contract: ${name}`, () => {
    connectionContract(makeStorage);
    credentialsContract(makeStorage);
    testResultContract(makeStorage);
    healthSampleContract(makeStorage);
    batchContract(makeStorage);
    alertsContract(makeStorage);
  });
}
