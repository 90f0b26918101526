import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createJsonLogger, type Logger } from '@cts/core';
import { RELAY_FORWARD_PATH, RELAY_HEADERS, RELAY_STREAM_PATH } from '@cts/core/egress';
import { type EnvelopeError, openEnvelope } from './envelope-check.ts';
import { createForwarder, UpstreamError } from './forwarder.ts';
import { createHostAllowlist } from './host-allowlist.ts';
import { NonceCache } from './nonce-cache.ts';
import { RelayMetrics } from './relay-metrics.ts';
import { openStreamEnvelope, refuseUpgrade, spliceStream } from './stream-proxy.ts';

export interface RelayOptions {
  /** RELAY_SECRET: the HMAC key CTS signs envelopes with (at least 32 characters). */
  secret: string;
  /** Address to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port to listen on (0 picks a free one). @default 8788 */
  port?: number;
  /** The local address exchange calls leave from. @default the OS's choice */
  localAddress?: string;
  /** Also forward to URLs under this base URL (the simulator). @default none: exchange hosts only */
  simulatorUrl?: string;
  /** How far an envelope's timestamp may be from the relay's clock, ms. @default 30000 */
  windowMs?: number;
  /** Largest request body forwarded, bytes. @default 65536 */
  maxBodyBytes?: number;
  /** Largest JSON of the exchange request's headers, bytes. @default 8192 */
  maxHeaderBytes?: number;
  /** The exchange's time to answer, ms. @default 10000 */
  timeoutMs?: number;
  /** Bearer token /metrics asks for. @default none (open: counters only, bind the relay to a private network) */
  metricsToken?: string;
  /** @default a JSON logger at info with `{ service: 'cts-relay' }` */
  logger?: Logger;
  /** @default Date.now */
  now?: () => number;
}

export interface Relay {
  /** http://host:port */
  url: string;
  metrics: RelayMetrics;
  close(): Promise<void>;
}

/** Hop-by-hop headers never passed on (RFC 9110 §7.6.1), in either direction. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, metrics: RelayMetrics, e: EnvelopeError): void {
  metrics.refused(e.code);
  json(res, e.status, { error: { code: e.code, message: e.message } }, { [RELAY_HEADERS.error]: e.code });
}

/**
 * Starts the egress relay: POST /v1/forward takes a signed envelope (see @cts/core/egress), checks it, forwards the
 * exchange request from `localAddress` and streams the exchange's reply back unchanged; a WebSocket upgrade at
 * /v1/stream (envelope in the query) opens the exchange's private stream from `localAddress` and splices the two
 * sockets; GET /metrics and /healthz.
 * It logs method, host, path, status and duration — never a query string, header or body.
 *
 * @example
 * const relay = await startRelay({ secret: process.env.RELAY_SECRET, localAddress: '203.0.113.7' });
 */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  if (options.secret.length < 32) throw new TypeError('secret: at least 32 characters');
  const logger = options.logger ?? createJsonLogger({ bindings: { service: 'cts-relay' } });
  const metrics = new RelayMetrics();
  const windowMs = options.windowMs ?? 30_000;
  const nonces = new NonceCache(windowMs);
  const allowed = createHostAllowlist({ simulatorUrl: options.simulatorUrl });
  const forwarder = createForwarder({ localAddress: options.localAddress, timeoutMs: options.timeoutMs });
  const check = {
    secret: options.secret,
    windowMs,
    maxBodyBytes: options.maxBodyBytes ?? 65_536,
    maxHeaderBytes: options.maxHeaderBytes ?? 8192,
    nonces,
    allowed,
    now: options.now ?? Date.now,
  };

  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const opened = await openEnvelope(req, check);
    if ('error' in opened) return refuse(res, metrics, opened.error);
    const { method, url, headers, body } = opened;
    const started = Date.now();
    const fields = { method, host: url.host, path: url.pathname };
    let upstream: IncomingMessage;
    try {
      upstream = await forwarder.send({
        method,
        url,
        headers: Object.fromEntries(
          Object.entries(headers).filter(([k]) => !HOP_BY_HOP.has(k.toLowerCase())),
        ),
        body,
      });
    } catch (err) {
      const kind = err instanceof UpstreamError ? err.kind : 'unreachable';
      metrics.upstreamError(kind);
      logger.warn('exchange not reached', { ...fields, kind, ms: Date.now() - started });
      const code = kind === 'timeout' ? 'upstream_timeout' : 'upstream_unreachable';
      return json(
        res,
        kind === 'timeout' ? 504 : 502,
        { error: { code, message: (err as Error).message } },
        {
          [RELAY_HEADERS.error]: code,
        },
      );
    }
    metrics.forwarded(upstream.statusCode ?? 0);
    const out: Record<string, string | string[]> = {};
    // content-length passes through: the bytes are the exchange's, undecoded (node:http does not decompress).
    for (const [k, v] of Object.entries(upstream.headers))
      if (v !== undefined && (!HOP_BY_HOP.has(k) || k === 'content-length') && k !== RELAY_HEADERS.error)
        out[k] = v;
    res.writeHead(upstream.statusCode ?? 502, out);
    upstream.pipe(res);
    upstream.once('error', () => res.destroy());
    res.once('close', () => {
      upstream.destroy();
      logger.info('forwarded', { ...fields, status: upstream.statusCode, ms: Date.now() - started });
    });
  }

  const server = createServer({ noDelay: true }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === RELAY_FORWARD_PATH) {
      if (req.method !== 'POST')
        return refuse(res, metrics, { status: 405, code: 'method_not_allowed', message: 'POST only' });
      forward(req, res).catch((err) => {
        logger.error('relay failure', { error: (err as Error).name });
        if (!res.headersSent) json(res, 500, { error: { code: 'internal', message: 'relay failure' } });
        else res.destroy();
      });
      return;
    }
    if (path === '/healthz' && req.method === 'GET') return json(res, 200, { ok: true });
    if (path === '/metrics' && req.method === 'GET') {
      if (options.metricsToken && req.headers.authorization !== `Bearer ${options.metricsToken}`)
        return json(res, 401, { error: { code: 'unauthorized', message: 'metrics: bearer token required' } });
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      return res.end(metrics.render());
    }
    refuse(res, metrics, { status: 404, code: 'not_found', message: 'not found' });
  });
  // Private streams: a WebSocket upgrade at /v1/stream with the envelope in its query, spliced to the exchange.
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '/').split('?')[0];
    const refuseWith = (e: EnvelopeError) => {
      metrics.refused(e.code);
      refuseUpgrade(socket, e, RELAY_HEADERS.error);
    };
    if (path !== RELAY_STREAM_PATH)
      return refuseWith({ status: 404, code: 'not_found', message: 'not found' });
    void (async () => {
      const opened = await openStreamEnvelope(req, check);
      if ('error' in opened) return refuseWith(opened.error);
      const started = Date.now();
      const fields = { stream: true, host: opened.url.host, path: opened.url.pathname };
      const result = await spliceStream(req, socket, head, opened.url, {
        localAddress: options.localAddress,
        timeoutMs: options.timeoutMs ?? 10_000,
        errorHeader: RELAY_HEADERS.error,
      });
      if ('upstream' in result) {
        metrics.upstreamError(result.upstream);
        return logger.warn('exchange not reached', { ...fields, kind: result.upstream });
      }
      metrics.forwarded(result.status);
      logger.info('stream opened', { ...fields, status: result.status, ms: Date.now() - started });
      socket.once('close', () => logger.info('stream closed', { ...fields, ms: Date.now() - started }));
    })().catch(() => socket.destroy());
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8788, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    metrics,
    close: () =>
      new Promise<void>((resolve) => {
        forwarder.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
