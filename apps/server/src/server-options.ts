/** Node's HTTP server limits for the CTS host (node:http createServer options). */
import type { ServerOptions } from 'node:http';

export interface ServerTimeouts {
  /** Longest a client may take to send the request headers (slowloris), ms. @default 20000 */
  headersTimeout?: number;
  /** Longest a client may take to send the whole request, ms (the reply may take longer: SSE streams). @default 60000 */
  requestTimeout?: number;
  /** How long an idle keep-alive connection stays open, ms. @default 5000 */
  keepAliveTimeout?: number;
  /** How often the two timeouts above are checked, ms. @default 2000 */
  connectionsCheckingInterval?: number;
}

/**
 * Sane server timeouts instead of Node's defaults (headers 60 s, request 300 s, checked every 30 s).
 * @example serve({ fetch: app.fetch, port, serverOptions: nodeServerOptions() })
 */
export function nodeServerOptions(overrides: ServerTimeouts = {}): ServerOptions {
  const options = {
    headersTimeout: 20_000,
    requestTimeout: 60_000,
    keepAliveTimeout: 5_000,
    connectionsCheckingInterval: 2_000,
    ...overrides,
  };
  if (options.headersTimeout > options.requestTimeout)
    throw new TypeError('headersTimeout: must not exceed requestTimeout');
  return options;
}
