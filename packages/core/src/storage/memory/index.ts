/** The Storage ports in memory (tests, demo, single-process hosts). */
export * from './memory-batch-repo.ts';
export * from './memory-connection-repo.ts';
export * from './memory-health-sample-repo.ts';
export * from './memory-session-store.ts';
export * from './memory-storage.ts';
export * from './memory-test-result-repo.ts';
