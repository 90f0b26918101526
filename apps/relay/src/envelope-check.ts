import type { IncomingMessage } from 'node:http';
import { sha256Hex } from '@cts/core';
import { RELAY_HEADERS, verifyEnvelope } from '@cts/core/egress';
import type { NonceCache } from './nonce-cache.ts';
import type { RefusalReason } from './relay-metrics.ts';

/** A refusal: the HTTP status, the reason (JSON error code and metrics label) and a message naming the rule. */
export interface EnvelopeError {
  status: number;
  code: RefusalReason;
  message: string;
}

export interface EnvelopeCheck {
  secret: string;
  windowMs: number;
  maxBodyBytes: number;
  maxHeaderBytes: number;
  nonces: NonceCache;
  allowed: (url: URL) => boolean;
  now: () => number;
}

export interface OpenedEnvelope {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Uint8Array;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE']);

const err = (status: number, code: RefusalReason, message: string) => ({ error: { status, code, message } });

/** Reads the body up to `max` bytes; undefined when it is longer (the rest is drained, never kept). */
async function readBounded(req: IncomingMessage, max: number): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > max) {
      req.resume();
      return undefined;
    }
    chunks.push(chunk);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

function parseHeaders(text: string): Record<string, string> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    if (Object.values(value).some((v) => typeof v !== 'string')) return undefined;
    return value as Record<string, string>;
  } catch {
    return undefined;
  }
}

/**
 * Checks an envelope in the order that keeps the relay closed: all fields present (else `unsigned`), timestamp in
 * the window (`expired`), sizes (`headers_too_large`, `body_too_large`), the MAC over the received body's digest
 * (`bad_signature`), the fields' shapes (`bad_envelope`), the nonce unseen (`replayed`; recorded only for envelopes
 * whose MAC checked), and last the target host (`host_not_allowed`).
 */
export async function openEnvelope(
  req: IncomingMessage,
  c: EnvelopeCheck,
): Promise<OpenedEnvelope | { error: EnvelopeError }> {
  const h = (name: string) => {
    const v = req.headers[name];
    return typeof v === 'string' ? v : undefined;
  };
  const method = h(RELAY_HEADERS.method);
  const url = h(RELAY_HEADERS.url);
  const headersJson = h(RELAY_HEADERS.headers);
  const timestamp = h(RELAY_HEADERS.timestamp);
  const nonce = h(RELAY_HEADERS.nonce);
  const signature = h(RELAY_HEADERS.signature);
  if (!method || !url || headersJson === undefined || !timestamp || !nonce || !signature) {
    req.resume();
    return err(
      401,
      'unsigned',
      'envelope: x-relay-method, -url, -headers, -timestamp, -nonce and -signature are required',
    );
  }
  const ts = Number(timestamp);
  if (!Number.isSafeInteger(ts) || Math.abs(c.now() - ts) > c.windowMs) {
    req.resume();
    return err(401, 'expired', `x-relay-timestamp: must be within ${c.windowMs} ms of the relay's clock`);
  }
  if (headersJson.length > c.maxHeaderBytes) {
    req.resume();
    return err(431, 'headers_too_large', `x-relay-headers: at most ${c.maxHeaderBytes} bytes`);
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  const body = declared > c.maxBodyBytes ? undefined : await readBounded(req, c.maxBodyBytes);
  if (!body) {
    req.resume();
    return err(413, 'body_too_large', `body: at most ${c.maxBodyBytes} bytes`);
  }
  const bodyDigest = await sha256Hex(body);
  if (
    !(await verifyEnvelope(
      c.secret,
      { method, url, headersJson, bodyDigest, timestamp: ts, nonce },
      signature,
    ))
  )
    return err(401, 'bad_signature', 'x-relay-signature: does not match the envelope under the relay secret');
  const headers = parseHeaders(headersJson);
  if (!METHODS.has(method) || !headers || !URL.canParse(url) || nonce.length > 128)
    return err(
      400,
      'bad_envelope',
      'envelope: method GET/POST/PUT/DELETE, an absolute URL and a JSON object of header strings',
    );
  if (!c.nonces.add(nonce, c.now()))
    return err(409, 'replayed', 'x-relay-nonce: already used inside the window');
  const target = new URL(url);
  if (!/^https?:$/.test(target.protocol) || !c.allowed(target))
    return err(403, 'host_not_allowed', 'x-relay-url: not an exchange host from the catalog');
  return { method, url: target, headers, body };
}
