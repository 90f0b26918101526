import { CtsError } from '../../errors/cts-error.ts';
import { forCall, type HttpSpec, send } from '../shared/http.ts';
import { createRestConnector } from '../shared/rest-connector.ts';
import type { RestContext, RestProtocol } from '../shared/rest-protocol.ts';
import type { CallOptions, Connector, ConnectorOptions } from '../types.ts';
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
 * BingX's REST protocol: `spot` reads the spot account, every other API type the USDT-M perpetual one.
 * Parameters are signed and sent sorted by name, with `recvWindow` at most 5000; a request whose send fails
 * without a reply (network error, timeout) is retried on the fallback host, never after an exchange reply.
 */
export function createBingxRest({ options, http, baseUrl: base, timestamp }: RestContext): RestProtocol {
  const { clock, credentials, recvWindowMs } = options;
  if (recvWindowMs > BINGX_MAX_RECV_WINDOW_MS)
    throw new TypeError(`recvWindowMs: BingX takes at most ${BINGX_MAX_RECV_WINDOW_MS}, got ${recvWindowMs}`);
  const baseUrl = base();
  const reader = createBingxReader(clock);
  const account = bingxAccountOf(options.apiType);

  const fallbackUrl = bingxFallbackBaseUrl(options.environment, options.baseUrl);
  /** One GET through the primary host, moving to the fallback host only after a failure without a reply. */
  const get = (
    path: string,
    build: (base: string) => Promise<HttpSpec> | HttpSpec,
    call?: CallOptions,
  ): Promise<unknown> => {
    const ctx = forCall(http, call);
    const host = createHostFallback(baseUrl, fallbackUrl, ctx.fetch, ctx.signal);
    return send(
      { ...ctx, fetch: host.fetch },
      { method: 'GET', path },
      async () => {
        if (host.fellBack)
          http.logger.debug('bingx: primary host unreachable, using the fallback host', { path });
        return build(host.baseUrl);
      },
      reader,
    );
  };
  const signedGet = (path: string, call?: CallOptions): Promise<unknown> =>
    get(
      path,
      (base) =>
        signBingxRequest({
          method: 'GET',
          baseUrl: base,
          path,
          apiKey: credentials.apiKey,
          apiSecret: credentials.apiSecret,
          timestamp: timestamp(),
          recvWindowMs,
        }),
      call,
    );

  return {
    clockHost: baseUrl,
    async serverTime(call) {
      const path = BINGX_PATHS.serverTime;
      const data = await get(path, (base) => bingxPublicRequest(base, path), call);
      const serverTime = Number((data as { serverTime?: unknown } | null)?.serverTime);
      if (!Number.isFinite(serverTime) || serverTime <= 0)
        throw new CtsError('exchange.bad_response', 'BingX server time reply has no data.serverTime');
      return serverTime;
    },
    async balance(call) {
      return account === 'spot'
        ? normalizeBingxSpotBalance(await signedGet(BINGX_PATHS.spotBalance, call))
        : normalizeBingxSwapBalance(await signedGet(BINGX_PATHS.swapBalance, call));
    },
    permissions: async (call) => normalizeBingxPermissions(await signedGet(BINGX_PATHS.apiPermissions, call)),
  };
}

/**
 * A BingX connector: `rest`/`websocket`/`perpetual_futures` read the USDT-M perpetual account, `spot` the spot
 * account. The `demo` environment is BingX's VST host (fallback hosts `open-api.bingx.pro` and
 * `open-api-vst.bingx.pro`).
 *
 * @example
 * const bingx = createBingxConnector({ exchange: 'bingx', apiType: 'perpetual_futures', credentials: { apiKey, apiSecret } });
 * const result = await bingx.testConnection();
 */
export function createBingxConnector(options: ConnectorOptions): Connector {
  return createRestConnector('bingx', createBingxRest, options);
}
