/** Pionex: HMAC-signed sorted queries, spot (default) and USDT-M futures accounts, mainnet only. */
export * from './endpoints.ts';
export * from './errors.ts';
export * from './normalize.ts';
export * from './pionex-connector.ts';
export * from './reader.ts';
export * from './signer.ts';
