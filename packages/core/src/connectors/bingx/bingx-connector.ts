import { CtsError } from '../../errors/cts-error.ts';
import { restBaseUrl } from '../../exchanges/hosts.ts';
import { type HttpSpec, send } from '../shared/http.ts';
import { accountScope, httpContext, resolveOptions } from '../shared/options.ts';
import { createSigningClock } from '../shared/signing-clock.ts';
import { runConnectionTest } from '../shared/test-runner.ts';
import type { Connector, ConnectorOptions } from '../types.ts';
import { BINGX_PATHS, bingxAccountOf } from './endpoints.ts';
import { bingxFallbackBaseUrl, createHostFallback } from './host-fallback.ts';
import {
  normalizeBingxPermissions,
  normalizeBingxSpotBalance,
  normalizeBingxSwapBalance,
} from './normalize.ts';
import { createBingxReader } from './reader.ts';
import { BINGX_MAX_RECV_WINDOW_MS, bingxPublicRequest, signBingxRequest } from './signer.ts';

/**
 * A BingX connector: `rest`/`websocket`/`perpetual_futures` read the USDT-M perpetual account, `spot` the spot
 * account. The `demo` environment is BingX's VST host. Parameters are signed and sent sorted by name, with
 * `recvWindow` at most 5000; a request whose send fails without a reply (network error, timeout) is retried
 * on the fallback host `open-api.bingx.pro` (VST `open-api-vst.bingx.pro`), never after an exchange reply.
 *
 * @example
 * const bingx = createBingxConnector({ exchange: 'bingx', apiType: 'perpetual_futures', credentials: { apiKey, apiSecret } });
 * const result = await bingx.testConnection();
 */
export function createBingxConnector(options: ConnectorOptions): Connector {
  const resolved = resolveOptions(options);
  if (resolved.exchange !== 'bingx')
    throw new TypeError(`exchange: createBingxConnector needs "bingx", got "${resolved.exchange}"`);
  const { clock, credentials, recvWindowMs } = resolved;
  if (recvWindowMs > BINGX_MAX_RECV_WINDOW_MS)
    throw new TypeError(`recvWindowMs: BingX takes at most ${BINGX_MAX_RECV_WINDOW_MS}, got ${recvWindowMs}`);
  const ctx = httpContext(resolved, accountScope(options));
  const baseUrl = restBaseUrl('bingx', resolved.environment, 'default', resolved.baseUrl);
  const reader = createBingxReader(clock);
  const account = bingxAccountOf(resolved.apiType);
  const signing = createSigningClock(resolved, baseUrl);

  const fallbackUrl = bingxFallbackBaseUrl(resolved.environment, resolved.baseUrl);
  /** One GET through the primary host, moving to the fallback host only after a failure without a reply. */
  const get = (path: string, build: (base: string) => Promise<HttpSpec> | HttpSpec): Promise<unknown> => {
    const host = createHostFallback(baseUrl, fallbackUrl, ctx.fetch, ctx.signal);
    return send(
      { ...ctx, fetch: host.fetch },
      { method: 'GET', path },
      async () => {
        if (host.fellBack)
          ctx.logger.debug('bingx: primary host unreachable, using the fallback host', { path });
        return build(host.baseUrl);
      },
      reader,
    );
  };
  const signedGet = (path: string): Promise<unknown> =>
    get(path, (base) =>
      signBingxRequest({
        method: 'GET',
        baseUrl: base,
        path,
        apiKey: credentials.apiKey,
        apiSecret: credentials.apiSecret,
        timestamp: signing.timestamp(),
        recvWindowMs,
      }),
    );

  const connector: Connector = {
    exchange: 'bingx',
    apiType: resolved.apiType,
    environment: resolved.environment,
    get clockOffsetMs() {
      return signing.offsetMs;
    },
    async getServerTime() {
      const path = BINGX_PATHS.serverTime;
      const data = await get(path, (base) => bingxPublicRequest(base, path));
      const serverTime = Number((data as { serverTime?: unknown } | null)?.serverTime);
      if (!Number.isFinite(serverTime) || serverTime <= 0)
        throw new CtsError('exchange.bad_response', 'BingX server time reply has no data.serverTime');
      return serverTime;
    },
    syncClock: (samples = 3) => signing.sync(() => connector.getServerTime(), samples),
    async getBalance() {
      return account === 'spot'
        ? normalizeBingxSpotBalance(await signedGet(BINGX_PATHS.spotBalance))
        : normalizeBingxSwapBalance(await signedGet(BINGX_PATHS.swapBalance));
    },
    async getPermissions() {
      return normalizeBingxPermissions(await signedGet(BINGX_PATHS.apiPermissions));
    },
    testConnection: (options) => runConnectionTest(connector, clock, options),
  };
  return connector;
}
