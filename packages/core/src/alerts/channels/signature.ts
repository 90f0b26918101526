import { hmacSha256Hex } from '../../crypto/hmac.ts';

/**
 * The generic webhook's signature, as Stripe signs theirs: hex HMAC-SHA256 under the channel's signing secret over
 * `${timestamp}.${body}`, where timestamp is the `X-CTS-Timestamp` header (Unix seconds) and body the raw request
 * body. A receiver recomputes it, compares in constant time, and rejects timestamps older than a few minutes.
 */
export function signWebhook(secret: string, timestamp: number, body: string): Promise<string> {
  return hmacSha256Hex(secret, `${timestamp}.${body}`);
}

/** Verifies a signature (constant-time) and that the timestamp is within `toleranceSec` of `nowSec`. */
export async function verifyWebhook(
  secret: string,
  headers: { timestamp: string | null; signature: string | null },
  body: string,
  nowSec: number,
  toleranceSec = 300,
): Promise<boolean> {
  const ts = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(ts) || Math.abs(nowSec - ts) > toleranceSec) return false;
  const expected = await signWebhook(secret, ts, body);
  const given = headers.signature.toLowerCase();
  if (given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  return diff === 0;
}
