/** Simulated accounts: their keys, balances, permissions and IP whitelists. */
export * from './account.ts';
export * from './account-input.ts';
export * from './account-store.ts';
export * from './credentials.ts';
