import { createHmac } from 'node:crypto';

/**
 * HMAC-SHA256 for verifying signatures. The simulator runs on Node (and Bun/Deno, which have node:crypto);
 * the synchronous node:crypto HMAC costs a few µs where a Web Crypto sign is an async job several times that,
 * which is the difference between the hot path meeting its throughput target and not.
 */
export function hmacHex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message).digest('hex');
}

export function hmacBase64(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message).digest('base64');
}
