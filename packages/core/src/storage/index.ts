/** Storage ports: the repositories the coordinator and API use; libSQL/D1 (packages/db) and memory implement them. */
export * from './caching-connection-repo.ts';
export * from './encrypted-blob.ts';
export * from './ports.ts';
export * from './session-store.ts';
