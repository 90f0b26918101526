import { sha256Hex } from '../crypto/hmac.ts';
import { randomHex } from '../crypto/random.ts';
import { CtsError } from '../errors/cts-error.ts';
import { type FetchLike, globalFetch } from '../ports/fetch.ts';
import { exchangeOfUrl } from './exchange-of-url.ts';
import type { EgressRelay } from './relay-config.ts';
import { RELAY_FORWARD_PATH, RELAY_HEADERS, signEnvelope } from './relay-envelope.ts';

export interface RelayFetchOptions {
  /** The relays, in order of preference. */
  relays: readonly EgressRelay[];
  /** The fetch that reaches the relays (and the exchanges, for calls no relay serves). @default the global fetch */
  fetch?: FetchLike;
  /** The simulator's base URL, so its `/<exchange>` paths are recognised. @default none */
  exchangeBaseUrl?: string;
  /** @default Date.now */
  now?: () => number;
}

/** Relay replies that mean it could not reach the exchange at all: the next relay may. */
const FAILOVER_ERRORS = new Set(['upstream_unreachable']);

function bodyBytes(request: Request): Promise<Uint8Array> {
  if (request.method === 'GET' || request.method === 'HEAD') return Promise.resolve(new Uint8Array());
  return request.arrayBuffer().then((b) => new Uint8Array(b));
}

/**
 * A FetchLike that sends exchange calls through the egress relays serving their exchange, so they leave from the
 * relays' static IPs. Each call is wrapped in an envelope signed with the relay's secret (Web Crypto); the
 * exchange's reply comes back unchanged. A network error reaching a relay (or the relay reaching the exchange) moves
 * on to the next relay serving the exchange; an exchange reply is never retried elsewhere. A relay's refusal throws
 * a non-retryable `network` CtsError naming the relay's reason. Calls no relay serves go direct.
 *
 * @example
 * const fetch = createRelayFetch({ relays: parseEgressRelays(env.CTS_EGRESS_RELAYS) });
 */
export function createRelayFetch(options: RelayFetchOptions): FetchLike {
  const base = options.fetch ?? globalFetch;
  const now = options.now ?? Date.now;
  return async (input, init) => {
    const request = new Request(input, init);
    const exchange = exchangeOfUrl(request.url, options.exchangeBaseUrl);
    const relays = options.relays.filter((r) => exchange && (!r.exchanges || r.exchanges.includes(exchange)));
    if (relays.length === 0) return base(input, init);
    const body = await bodyBytes(request);
    const headersJson = JSON.stringify(Object.fromEntries(request.headers));
    const bodyDigest = await sha256Hex(body);
    let lastError: unknown;
    for (const relay of relays) {
      const parts = {
        method: request.method,
        url: request.url,
        headersJson,
        bodyDigest,
        timestamp: now(),
        nonce: randomHex(16),
      };
      let reply: Response;
      try {
        reply = await base(`${relay.url}${RELAY_FORWARD_PATH}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/octet-stream',
            [RELAY_HEADERS.method]: parts.method,
            [RELAY_HEADERS.url]: parts.url,
            [RELAY_HEADERS.headers]: headersJson,
            [RELAY_HEADERS.bodyDigest]: bodyDigest,
            [RELAY_HEADERS.timestamp]: String(parts.timestamp),
            [RELAY_HEADERS.nonce]: parts.nonce,
            [RELAY_HEADERS.signature]: await signEnvelope(relay.secret, parts),
          },
          body: body.byteLength ? (body as Uint8Array<ArrayBuffer>) : undefined,
          signal: request.signal,
          redirect: 'manual',
        });
      } catch (err) {
        if (request.signal.aborted) throw err;
        lastError = err;
        continue; // the relay is unreachable: the next one
      }
      const refused = reply.headers.get(RELAY_HEADERS.error);
      if (refused === null) return reply;
      await reply.body?.cancel();
      if (FAILOVER_ERRORS.has(refused)) {
        lastError = new CtsError(
          'network',
          `egress relay ${new URL(relay.url).host} could not reach ${exchange}`,
        );
        continue;
      }
      if (refused === 'upstream_timeout')
        throw new CtsError(
          'timeout',
          `${exchange} did not answer the egress relay ${new URL(relay.url).host} in time`,
        );
      throw new CtsError(
        'network',
        `egress relay ${new URL(relay.url).host} refused the call: ${refused} (HTTP ${reply.status})`,
        {
          retryable: false,
          hint: `The egress relay refused the envelope (${refused}): check CTS_EGRESS_RELAYS (url, secret) against the relay's RELAY_SECRET, its allowed hosts and both clocks.`,
        },
      );
    }
    throw new CtsError('network', `no egress relay could reach ${exchange} (${relays.length} tried)`, {
      cause: lastError,
      hint: 'Every egress relay serving this exchange failed with a network error: check that the relays run and can reach the exchange.',
    });
  };
}
