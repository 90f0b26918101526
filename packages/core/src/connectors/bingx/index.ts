/** BingX: HMAC-signed query strings, USDT-M perpetual (default) and spot accounts, mainnet and VST demo. */
export * from './bingx-connector.ts';
export * from './endpoints.ts';
export * from './errors.ts';
export * from './normalize.ts';
export * from './reader.ts';
export * from './signer.ts';
