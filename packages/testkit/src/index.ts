/** @cts/testkit — ManualClock, a scripted fetch for connector tests, and contract suites shared by every implementation of a port (runStorageContract). */
export * from './limiter-state-repo-contract.ts';
export * from './limiter-store-contract.ts';
export * from './manual-clock.ts';
export * from './scripted-fetch.ts';
export * from './seeded-random.ts';
export * from './session-store-contract.ts';
export * from './storage-contract.ts';
