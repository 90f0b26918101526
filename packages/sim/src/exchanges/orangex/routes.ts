import { Hono } from 'hono';
import type { SimDeps } from '../deps.ts';
import type { Dialect, Identity } from '../dialect.ts';
import { parsePairs, rawQuery, type SimContext, type SimEnv, toResponse } from '../http.ts';
import { runPrivate, runPublic } from '../pipeline.ts';
import { ASSET_TYPES, assetsInfo } from './assets.ts';
import { identifyAuth, scopeOf, verifyAuth } from './auth.ts';
import { orangexMaintenance, orangexReject } from './errors.ts';
import { orangexCharges } from './limits.ts';
import { type RpcMeta, rpcError, rpcResult } from './rpc.ts';

export function orangexDialect(deps: SimDeps): Dialect {
  return {
    exchange: 'orangex',
    reject: orangexReject,
    maintenance: orangexMaintenance,
    charges: orangexCharges(deps.profile),
    usageHeaders: () => {},
  };
}

interface RpcRequest {
  meta: RpcMeta;
  params: Record<string, unknown>;
}

/** POST: the JSON-RPC body; GET: query parameters (reference §6.2). Undefined when the body is not JSON-RPC. */
async function readRpc(c: SimContext): Promise<RpcRequest | undefined> {
  if (c.req.method === 'GET') {
    const params = Object.fromEntries(parsePairs(rawQuery(c.req.url)));
    return { meta: { id: params.id ?? null }, params };
  }
  try {
    const body = (await c.req.json()) as { id?: unknown; params?: unknown };
    const params =
      body.params && typeof body.params === 'object' ? (body.params as Record<string, unknown>) : {};
    return { meta: { id: body.id ?? null }, params };
  } catch {
    return undefined;
  }
}

const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;

/** OrangeX JSON-RPC over HTTP under `/orangex/api/v1/<method>` (mainnet only). */
export function createOrangexRoutes(deps: SimDeps): Hono<SimEnv> {
  const dialect = orangexDialect(deps);
  const app = new Hono<SimEnv>();
  const bad = (now: number) =>
    toResponse(rpcError(200, 1001, 'Bad requested: not a JSON-RPC request', now), {});

  // get_time (ms) is our addition, Deribit-style; ping answers "pong". Both carry usIn/usOut/usDiff.
  const publicMethods: Record<string, (now: number) => unknown> = {
    '/api/v1/public/get_time': (now) => now,
    '/api/v1/public/ping': () => 'pong',
  };
  for (const [endpoint, result] of Object.entries(publicMethods))
    app.on(['GET', 'POST'], endpoint, async (c) => {
      const rpc = await readRpc(c);
      if (!rpc) return bad(deps.clock.now());
      return runPublic(
        deps,
        c,
        dialect,
        'mainnet',
        endpoint,
        (now) => rpcResult(rpc.meta, result(now), now),
        rpc.meta,
      );
    });

  app.on(['GET', 'POST'], '/api/v1/public/auth', async (c) => {
    const rpc = await readRpc(c);
    if (!rpc) return bad(deps.clock.now());
    let identity: Identity | undefined;
    return runPrivate(deps, c, dialect, 'mainnet', {
      endpoint: '/api/v1/public/auth',
      meta: rpc.meta,
      identify: () => {
        identity ??= identifyAuth(deps, rpc.params, deps.clock.now());
        return identity;
      },
      verify: (account, now) => verifyAuth(account, rpc.params, now),
      allowed: () => true,
      answer: (account, now) => {
        const pair = deps.tokens.issue(account.id, now);
        return rpcResult(
          rpc.meta,
          {
            access_token: pair.accessToken,
            token_type: 'bearer',
            refresh_token: pair.refreshToken,
            expires_in: pair.expiresIn,
            scope: scopeOf(account),
          },
          now,
        );
      },
    });
  });

  app.post('/api/v1/private/get_assets_info', async (c) => {
    const rpc = await readRpc(c);
    if (!rpc) return bad(deps.clock.now());
    return runPrivate(deps, c, dialect, 'mainnet', {
      endpoint: '/api/v1/private/get_assets_info',
      meta: rpc.meta,
      identify: () => identifyBearer(deps, c.req.header('authorization')),
      verify: () => ({}),
      allowed: (account) => account.permissions.read,
      answer: (account, now) => {
        const types = strings(rpc.params.asset_type);
        if (!types?.length || !types.every((t) => (ASSET_TYPES as readonly string[]).includes(t)))
          return rpcError(
            200,
            1001,
            'Bad requested: asset_type must be an array of ALL, SPOT, PERPETUAL, WALLET',
            now,
            rpc.meta.id,
          );
        return rpcResult(rpc.meta, assetsInfo(account, types, strings(rpc.params.coin_type)), now);
      },
    });
  });

  app.all('/api/v1/*', () => toResponse(rpcError(200, 1000, 'No service found', deps.clock.now()), {}));
  return app;
}

/** `Authorization: bearer <access_token>` (reference §6.2). */
function identifyBearer(deps: SimDeps, header: string | undefined): Identity {
  const match = header ? /^bearer\s+(\S+)$/i.exec(header.trim()) : null;
  if (!match) return { presented: false };
  const resolved = deps.tokens.resolveAccess(match[1]!, deps.clock.now());
  if (resolved.expired) return { presented: true, failure: 'bad_token' };
  const account = resolved.accountId ? deps.accounts.byId(resolved.accountId) : undefined;
  return account ? { presented: true, account } : { presented: true, failure: 'bad_token' };
}
