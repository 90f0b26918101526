/** Binance: spot, USDⓈ-M futures and cross margin over REST. */
export * from './binance-connector.ts';
export * from './endpoints.ts';
export * from './errors.ts';
export * from './normalize.ts';
export * from './reader.ts';
export * from './signer.ts';
