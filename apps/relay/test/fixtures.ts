/** Test fixtures: a recording "exchange" on loopback, envelopes signed by hand, a log-capturing logger. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Logger, randomHex, sha256Hex } from '@cts/core';
import { RELAY_FORWARD_PATH, RELAY_HEADERS, signEnvelope } from '@cts/core/egress';

export interface Seen {
  method: string;
  url: string;
  remoteAddress: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the recorder answers; status 0 never answers. */
export interface RecorderReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** An HTTP server that records every request it gets and answers with `reply` (default: 200 JSON with a limiter header). */
export async function startRecorder(
  reply: (seen: Seen) => RecorderReply = () => ({
    status: 200,
    headers: { 'content-type': 'application/json', 'x-bapi-limit-status': '49' },
    body: '{"ok":true}',
  }),
) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = {
        method: req.method ?? '',
        url: req.url ?? '',
        remoteAddress: req.socket.remoteAddress ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(s);
      const r = reply(s);
      if (r.status === 0) return; // a target that never answers
      res.writeHead(r.status, r.headers ?? {});
      res.end(r.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface EnvelopeInput {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/** The relay request for an envelope, signed with `secret`; `tamper` changes fields after signing. */
export async function envelope(
  secret: string,
  input: EnvelopeInput,
  options: { timestamp?: number; nonce?: string; tamper?: Record<string, string> } = {},
): Promise<{ headers: Record<string, string>; body?: string }> {
  const method = input.method ?? 'GET';
  const headersJson = JSON.stringify(input.headers ?? {});
  const parts = {
    method,
    url: input.url,
    headersJson,
    bodyDigest: await sha256Hex(input.body ?? ''),
    timestamp: options.timestamp ?? Date.now(),
    nonce: options.nonce ?? randomHex(16),
  };
  return {
    headers: {
      [RELAY_HEADERS.method]: method,
      [RELAY_HEADERS.url]: input.url,
      [RELAY_HEADERS.headers]: headersJson,
      [RELAY_HEADERS.bodyDigest]: parts.bodyDigest,
      [RELAY_HEADERS.timestamp]: String(parts.timestamp),
      [RELAY_HEADERS.nonce]: parts.nonce,
      [RELAY_HEADERS.signature]: await signEnvelope(secret, parts),
      ...options.tamper,
    },
    ...(input.body !== undefined ? { body: input.body } : {}),
  };
}

/** POSTs an envelope to the relay. */
export async function send(relayUrl: string, env: { headers: Record<string, string>; body?: string }) {
  const res = await fetch(`${relayUrl}${RELAY_FORWARD_PATH}`, {
    method: 'POST',
    headers: env.headers,
    body: env.body,
    redirect: 'manual',
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text };
}

export function captureLogger(lines: string[]): Logger {
  const emit = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, msg, ...fields }));
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
