/** OrangeX: JSON-RPC 2.0 with bearer tokens (client_signature auth, refresh), perpetual (default) and spot, mainnet only. */
export * from './endpoints.ts';
export * from './errors.ts';
export * from './normalize.ts';
export * from './orangex-connector.ts';
export * from './reader.ts';
export * from './signer.ts';
export * from './token-session.ts';
