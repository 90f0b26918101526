import { randomHex } from '../../crypto/random.ts';
import { CtsError } from '../../errors/cts-error.ts';
import { forCall, type HttpSpec, type ReplyReader, send } from '../shared/http.ts';
import { createRestConnector } from '../shared/rest-connector.ts';
import type { RestContext, RestProtocol } from '../shared/rest-protocol.ts';
import type { CallOptions, Connector, ConnectorOptions } from '../types.ts';
import { ORANGEX_METHODS, orangexAssetTypeOf, orangexRpcBase } from './endpoints.ts';
import { ORANGEX_AUTH_FAILURE } from './errors.ts';
import { normalizeOrangexAssets, orangexScopePermissions } from './normalize.ts';
import { createOrangexReaders } from './reader.ts';
import { buildOrangexRefreshAuth, buildOrangexRpc, buildOrangexSignatureAuth } from './signer.ts';
import { OrangexTokenSession } from './token-session.ts';

/**
 * OrangeX's REST protocol over JSON-RPC: a bearer token from `/public/auth` (grant `client_signature`,
 * refreshed before expiry); permissions from the token's scope.
 */
export function createOrangexRest({ options: o, http, baseUrl, timestamp }: RestContext): RestProtocol {
  const rpcBase = orangexRpcBase(baseUrl());
  const readers = createOrangexReaders(o.clock);
  const assetType = orangexAssetTypeOf(o.apiType);
  let rpcId = 0;

  const call = <T>(
    method: string,
    build: (id: number) => HttpSpec | Promise<HttpSpec>,
    reader: ReplyReader<T>,
    options?: CallOptions,
  ) => send(forCall(http, options), { method: 'POST', path: method }, async () => build(++rpcId), reader);

  const session = new OrangexTokenSession({
    clock: o.clock,
    logger: o.logger,
    authenticate: () =>
      call(
        ORANGEX_METHODS.auth,
        (id) =>
          buildOrangexSignatureAuth({
            rpcBase,
            clientId: o.credentials.apiKey,
            clientSecret: o.credentials.apiSecret,
            timestamp: timestamp(),
            nonce: randomHex(8),
            id,
          }),
        readers.result,
      ),
    refresh: (refreshToken) =>
      call(
        ORANGEX_METHODS.auth,
        (id) => buildOrangexRefreshAuth({ rpcBase, refreshToken, id }),
        readers.result,
      ),
  });

  /** A private call with the session's token; a token the exchange rejects (not a refused key) is replaced once. */
  const privateCall = async (
    method: string,
    params: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<unknown> => {
    const withToken = (accessToken: string) =>
      call(
        method,
        (id) => buildOrangexRpc({ rpcBase, method, params, id, accessToken }),
        readers.result,
        options,
      );
    const { accessToken } = await session.token();
    try {
      return await withToken(accessToken);
    } catch (err) {
      if (!(err instanceof CtsError) || err.exchangeCode !== ORANGEX_AUTH_FAILURE) throw err;
      o.logger.debug('orangex rejected the access token; authenticating again', { method });
      session.invalidate();
      return withToken((await session.token()).accessToken);
    }
  };

  return {
    clockHost: rpcBase,
    /** OrangeX documents no time method (UNCONFIRMED): a `/public/ping` reply's `usOut`, else its Date header. */
    serverTime: (options) =>
      call(
        ORANGEX_METHODS.ping,
        (id) => buildOrangexRpc({ rpcBase, method: ORANGEX_METHODS.ping, params: {}, id }),
        readers.serverTime,
        options,
      ),
    async balance(options) {
      const result = await privateCall(ORANGEX_METHODS.assets, { asset_type: [assetType] }, options);
      return normalizeOrangexAssets(result, assetType);
    },
    permissions: async () => orangexScopePermissions((await session.token()).scope),
  };
}

/**
 * An OrangeX connector over JSON-RPC: `rest`/`websocket`/`perpetual_futures` read the PERPETUAL assets, `spot`
 * the SPOT assets. Mainnet only. Permissions come from the token's scope.
 *
 * @example
 * const orangex = createOrangexConnector({ exchange: 'orangex', apiType: 'perpetual_futures', credentials: { apiKey, apiSecret } });
 * const result = await orangex.testConnection();
 */
export function createOrangexConnector(options: ConnectorOptions): Connector {
  return createRestConnector('orangex', createOrangexRest, options);
}
