import { hmacSha256 } from '@cts/core';

/**
 * Compares two strings without leaking where they differ: both are HMACed under a random per-call key and the
 * digests compared in full.
 */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const key = crypto.getRandomValues(new Uint8Array(32)).join(',');
  const [x, y] = await Promise.all([hmacSha256(key, a), hmacSha256(key, b)]);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}
