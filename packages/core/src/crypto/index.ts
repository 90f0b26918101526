/** Crypto on Web Crypto only: encodings, HMAC, RSA and Ed25519 signing, randomness, the credential vault. */
export * from './asymmetric.ts';
export * from './encoding.ts';
export * from './hmac.ts';
export * from './random.ts';
export * from './vault.ts';
