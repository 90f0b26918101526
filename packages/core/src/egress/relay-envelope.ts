/**
 * The relay envelope: an already-signed exchange request (method, URL, headers, body) handed to an egress relay,
 * authenticated with HMAC-SHA256 under the relay's shared secret over the method, the URL, a digest of the headers,
 * a digest of the body, a timestamp and a nonce. The relay forwards it only when the MAC checks, the timestamp is
 * inside its window and the nonce is new. Shared by CTS (signs) and apps/relay (verifies).
 */
import { hmacSha256Hex, sha256Hex } from '../crypto/hmac.ts';

/** The relay's one forwarding route. */
export const RELAY_FORWARD_PATH = '/v1/forward';

/** Envelope header names (the body of the request to the relay is the exchange request's body, unchanged). */
export const RELAY_HEADERS = {
  method: 'x-relay-method',
  url: 'x-relay-url',
  /** The exchange request's headers as a JSON object of strings. */
  headers: 'x-relay-headers',
  bodyDigest: 'x-relay-body-sha256',
  timestamp: 'x-relay-timestamp',
  nonce: 'x-relay-nonce',
  signature: 'x-relay-signature',
  /** Set by the relay on its own replies (refusals, upstream failures), never on an exchange's reply. */
  error: 'x-relay-error',
} as const;

/** What the MAC covers. */
export interface EnvelopeParts {
  method: string;
  url: string;
  /** JSON of the exchange request's headers, exactly as sent in `x-relay-headers`. */
  headersJson: string;
  /** SHA-256 of the body, lowercase hex (of zero bytes when there is none). */
  bodyDigest: string;
  /** Epoch ms when the envelope was made. */
  timestamp: number;
  nonce: string;
}

/** The string the MAC is computed over: one field a line, the headers by their digest. */
export async function envelopeSigningString(p: EnvelopeParts): Promise<string> {
  return [
    'cts-relay-v1',
    p.method,
    p.url,
    await sha256Hex(p.headersJson),
    p.bodyDigest,
    p.timestamp,
    p.nonce,
  ].join('\n');
}

/** HMAC-SHA256 (hex) of an envelope under the relay secret. */
export async function signEnvelope(secret: string, parts: EnvelopeParts): Promise<string> {
  return hmacSha256Hex(secret, await envelopeSigningString(parts));
}

/** Compares two strings without an early exit on the first difference. */
export function timingSafeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/** Whether `signature` is the envelope's MAC under `secret`. */
export async function verifyEnvelope(
  secret: string,
  parts: EnvelopeParts,
  signature: string,
): Promise<boolean> {
  return timingSafeEqual(await signEnvelope(secret, parts), signature.toLowerCase());
}
