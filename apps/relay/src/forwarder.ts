import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface ForwarderOptions {
  /** The local address calls leave from (e.g. 127.0.0.2 on loopback, or one of the host's static IPs). @default the OS's choice */
  localAddress?: string;
  /** How long the exchange has to answer, whole reply included, ms. @default 10000 */
  timeoutMs?: number;
}

/** Raised when the exchange could not be reached (`unreachable`) or did not answer in time (`timeout`). */
export class UpstreamError extends Error {
  readonly kind: 'unreachable' | 'timeout';
  constructor(kind: 'unreachable' | 'timeout', options?: { cause?: unknown }) {
    super(
      kind === 'timeout' ? 'the exchange did not answer in time' : 'the exchange could not be reached',
      options,
    );
    this.kind = kind;
  }
}

export interface Forwarder {
  /** Sends the request and resolves to the exchange's reply as a readable stream (never follows redirects). */
  send(request: {
    method: string;
    url: URL;
    headers: Record<string, string>;
    body: Uint8Array;
  }): Promise<IncomingMessage>;
  close(): void;
}

/**
 * Sends requests to exchange hosts over keep-alive agents (one pool per host), from `localAddress`. node:http's
 * client never follows redirects: a 3xx comes back as it is.
 */
export function createForwarder(options: ForwarderOptions = {}): Forwarder {
  const agentOptions = {
    keepAlive: true,
    maxSockets: 64,
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
  };
  const http = new HttpAgent(agentOptions);
  const https = new HttpsAgent(agentOptions);
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    send({ method, url, headers, body }) {
      const secure = url.protocol === 'https:';
      return new Promise((resolve, reject) => {
        const req = (secure ? httpsRequest : httpRequest)(url, {
          method,
          headers: { ...headers, ...(body.byteLength ? { 'content-length': String(body.byteLength) } : {}) },
          agent: secure ? https : http,
          ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        });
        const timer = setTimeout(() => req.destroy(new UpstreamError('timeout')), timeoutMs);
        req.once('response', (res) => {
          // The timeout covers the whole reply: a body that stalls is cut off too.
          res.once('close', () => clearTimeout(timer));
          resolve(res);
        });
        req.once('error', (err) => {
          clearTimeout(timer);
          reject(err instanceof UpstreamError ? err : new UpstreamError('unreachable', { cause: err }));
        });
        req.end(body.byteLength ? body : undefined);
      });
    },
    close() {
      http.destroy();
      https.destroy();
    },
  };
}
