/** OKX V5: the trading account over REST, mainnet and demo trading. */
export * from './endpoints.ts';
export * from './errors.ts';
export * from './normalize.ts';
export * from './okx-connector.ts';
export * from './reader.ts';
export * from './signer.ts';
