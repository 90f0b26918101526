import { MemoryAlertStore } from '../../alerts/memory-alert-store.ts';
import type { Storage } from '../ports.ts';
import { MemoryBatchRepo } from './memory-batch-repo.ts';
import { MemoryConnectionRepo } from './memory-connection-repo.ts';
import { MemoryHealthSampleRepo } from './memory-health-sample-repo.ts';
import { MemorySessionStore } from './memory-session-store.ts';
import { MemoryTestResultRepo } from './memory-test-result-repo.ts';

/**
 * The Storage ports in memory: for tests, the demo and single-process hosts that need no persistence.
 * Deleting a connection deletes its test results and health samples, as the database does.
 *
 * @example
 * const coordinator = new ConnectionCoordinator({ storage: createMemoryStorage(), vault });
 */
export function createMemoryStorage(): Storage {
  const testResults = new MemoryTestResultRepo();
  const healthSamples = new MemoryHealthSampleRepo();
  const alerts = new MemoryAlertStore();
  const connections = new MemoryConnectionRepo({
    onOutbox: (events, now) => void alerts.enqueue(events, now),
    onDelete: (id) => {
      testResults.deleteConnection(id);
      healthSamples.deleteConnection(id);
    },
  });
  return {
    connections,
    testResults,
    healthSamples,
    batches: new MemoryBatchRepo(),
    alerts,
    sessions: new MemorySessionStore(),
  };
}
