import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import { sha256Hex } from '@cts/core';
import { RELAY_STREAM_PARAMS, verifyEnvelope } from '@cts/core/egress';
import type { EnvelopeCheck, EnvelopeError } from './envelope-check.ts';

/** WebSocket handshake headers passed on to the exchange (the client's key, so the exchange's accept matches). */
const PASSED = [
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-protocol',
  'sec-websocket-extensions',
];

/** Writes a refusal as a plain HTTP reply on the raw socket and closes it. */
export function refuseUpgrade(
  socket: Duplex,
  e: { status: number; code: string; message: string },
  header: string,
): void {
  const body = JSON.stringify({ error: { code: e.code, message: e.message } });
  socket.end(
    `HTTP/1.1 ${e.status} Refused\r\ncontent-type: application/json\r\n${header}: ${e.code}\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/** Checks a stream envelope (query parameters of the upgrade): the same rules as /v1/forward, method GET, no body. */
export async function openStreamEnvelope(
  req: IncomingMessage,
  c: EnvelopeCheck,
): Promise<{ url: URL } | { error: EnvelopeError }> {
  const q = new URL(req.url ?? '/', 'http://relay').searchParams;
  const url = q.get(RELAY_STREAM_PARAMS.url);
  const timestamp = q.get(RELAY_STREAM_PARAMS.timestamp);
  const nonce = q.get(RELAY_STREAM_PARAMS.nonce);
  const signature = q.get(RELAY_STREAM_PARAMS.signature);
  const fail = (status: number, code: EnvelopeError['code'], message: string) => ({
    error: { status, code, message },
  });
  if (!url || !timestamp || !nonce || !signature)
    return fail(401, 'unsigned', 'stream envelope: url, ts, nonce and sig are required');
  const ts = Number(timestamp);
  if (!Number.isSafeInteger(ts) || Math.abs(c.now() - ts) > c.windowMs)
    return fail(401, 'expired', `ts: must be within ${c.windowMs} ms of the relay's clock`);
  const parts = {
    method: 'GET',
    url,
    headersJson: '{}',
    bodyDigest: await sha256Hex(''),
    timestamp: ts,
    nonce,
  };
  if (!(await verifyEnvelope(c.secret, parts, signature)))
    return fail(401, 'bad_signature', 'sig: does not match the envelope under the relay secret');
  if (!URL.canParse(url) || nonce.length > 128)
    return fail(400, 'bad_envelope', 'url: an absolute ws(s) URL');
  if (!c.nonces.add(nonce, c.now())) return fail(409, 'replayed', 'nonce: already used inside the window');
  const target = new URL(url);
  if (!/^wss?:$/.test(target.protocol) || !c.allowed(target))
    return fail(403, 'host_not_allowed', 'url: not an exchange stream host from the catalog');
  return { url: target };
}

/**
 * Opens the exchange's WebSocket from `localAddress` with the client's handshake and, once the exchange answers
 * 101, splices the two raw sockets: frames (text, binary, ping/pong, close) pass unchanged both ways. A non-101 reply
 * is passed back as it is. Resolves to how it ended, for the log line.
 */
export function spliceStream(
  req: IncomingMessage,
  client: Duplex,
  head: Buffer,
  target: URL,
  options: { localAddress?: string; timeoutMs: number; errorHeader: string },
): Promise<{ status: number } | { upstream: 'unreachable' | 'timeout' }> {
  const secure = target.protocol === 'wss:';
  const headers: Record<string, string> = { connection: 'Upgrade', upgrade: 'websocket' };
  for (const name of PASSED) {
    const v = req.headers[name];
    if (typeof v === 'string') headers[name] = v;
  }
  const httpUrl = new URL(target);
  httpUrl.protocol = secure ? 'https:' : 'http:';
  return new Promise((resolve) => {
    const up = (secure ? httpsRequest : httpRequest)(httpUrl, {
      method: 'GET',
      headers,
      agent: false,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    });
    const timer = setTimeout(() => {
      up.destroy();
      fail('timeout');
    }, options.timeoutMs);
    let settled = false;
    const fail = (kind: 'unreachable' | 'timeout') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      refuseUpgrade(
        client,
        {
          status: kind === 'timeout' ? 504 : 502,
          code: `upstream_${kind}`,
          message: `the exchange ${kind === 'timeout' ? 'did not answer in time' : 'could not be reached'}`,
        },
        options.errorHeader,
      );
      resolve({ upstream: kind });
    };
    up.once('error', () => fail('unreachable'));
    up.once('response', (res) => {
      settled = true;
      clearTimeout(timer);
      const lines = [`HTTP/1.1 ${res.statusCode} ${res.statusMessage ?? ''}`];
      for (let i = 0; i < res.rawHeaders.length; i += 2)
        lines.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
      client.write(`${lines.join('\r\n')}\r\n\r\n`);
      res.pipe(client);
      resolve({ status: res.statusCode ?? 0 });
    });
    up.once('upgrade', (res, upstream, upHead) => {
      settled = true;
      clearTimeout(timer);
      const lines = [`HTTP/1.1 101 ${res.statusMessage ?? 'Switching Protocols'}`];
      for (let i = 0; i < res.rawHeaders.length; i += 2)
        lines.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
      client.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (upHead.length) client.write(upHead);
      if (head.length) upstream.write(head);
      upstream.pipe(client).pipe(upstream);
      const end = () => {
        upstream.destroy();
        client.destroy();
      };
      upstream.once('error', end);
      client.once('error', end);
      upstream.once('close', end);
      client.once('close', end);
      resolve({ status: 101 });
    });
    up.end();
  });
}
