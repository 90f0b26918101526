import { toHex } from './encoding.ts';

/** `bytes` random bytes from the platform CSPRNG, as hex. */
export function randomHex(bytes: number): string {
  return toHex(crypto.getRandomValues(new Uint8Array(bytes)));
}
