import type { Storage } from '@cts/core/storage';
import type { CtsDatabase } from './database.ts';
import { LibsqlAlertStore } from './repos/alert-store.ts';
import { LibsqlBatchRepo } from './repos/batch-repo.ts';
import { LibsqlConnectionRepo } from './repos/connection-repo.ts';
import { type HealthSampleRepoOptions, LibsqlHealthSampleRepo } from './repos/health-sample-repo.ts';
import { LibsqlSessionStore } from './repos/session-store.ts';
import { LibsqlTestResultRepo } from './repos/test-result-repo.ts';

export interface SqlStorageOptions {
  healthSamples?: HealthSampleRepoOptions;
}

/**
 * Every repository over one drizzle SQLite database: libSQL (`createDb`) or D1 (`drizzle-orm/d1`).
 * Run `migrate(db)` (or `migrateBundled(db)`) first.
 *
 * @example
 * const db = createDb(createLibsqlClient('file:./data/cts.db'));
 * await migrate(db);
 * const storage = createLibsqlStorage(db);
 */
export function createLibsqlStorage(db: CtsDatabase, options: SqlStorageOptions = {}): Storage {
  return {
    connections: new LibsqlConnectionRepo(db),
    testResults: new LibsqlTestResultRepo(db),
    healthSamples: new LibsqlHealthSampleRepo(db, options.healthSamples),
    batches: new LibsqlBatchRepo(db),
    alerts: new LibsqlAlertStore(db),
    sessions: new LibsqlSessionStore(db),
  };
}
