/** Bybit V5: the Unified Trading Account over REST. */
export * from './bybit-connector.ts';
export * from './endpoints.ts';
export * from './errors.ts';
export * from './normalize.ts';
export * from './reader.ts';
export * from './signer.ts';
