import { createHmac } from 'node:crypto';
import {
  createScriptedFetch,
  jsonReply,
  ManualClock,
  type RecordedRequest,
  settleWithClock,
} from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../ports/logger.ts';
import { createConnector } from '../create-connector.ts';
import type { ConnectorOptions } from '../types.ts';
import { createOrangexConnector } from './orangex-connector.ts';

const SECRET = 'orangex-secret-never-shown';
const START = Date.UTC(2026, 0, 27, 10, 0, 0);
const perpetual = {
  PERPETUAL: { available_funds: '90', wallet_balance: '100', total_margin_balance: '100' },
};
const spot = { SPOT: { details: [{ coin_type: 'USDT', available: '7', freeze: '3' }] } };

/** A scripted OrangeX: answers by JSON-RPC method; `overrides` replace answers per call index of a method. */
function fakeOrangex(clock: ManualClock, overrides: Record<string, Array<Response | undefined>> = {}) {
  const seen: Record<string, number> = {};
  let issued = 0;
  return createScriptedFetch([
    (req: RecordedRequest) => {
      const rpc = JSON.parse(req.body ?? '{}') as {
        id: number;
        method: string;
        params: Record<string, unknown>;
      };
      const index = seen[rpc.method] ?? 0;
      seen[rpc.method] = index + 1;
      const override = overrides[rpc.method]?.[index];
      if (override) return override;
      const envelope = (result: unknown) =>
        jsonReply({
          jsonrpc: '2.0',
          id: rpc.id,
          result,
          usIn: clock.now() * 1000,
          usOut: clock.now() * 1000,
        });
      if (rpc.method === '/public/auth') {
        issued++;
        return envelope({
          access_token: `token-${issued}`,
          refresh_token: `refresh-${issued}`,
          expires_in: 900,
          token_type: 'bearer',
          scope: 'account:read trade:read_write wallet:none',
        });
      }
      if (rpc.method === '/public/ping') return envelope('pong');
      if (rpc.method === '/private/get_assets_info') {
        const kind = (rpc.params.asset_type as string[])[0];
        return envelope(kind === 'SPOT' ? spot : perpetual);
      }
      return jsonReply({ jsonrpc: '2.0', id: rpc.id, error: { code: 1000, message: 'No service found' } });
    },
  ]);
}

function setup(
  extra: Partial<ConnectorOptions> = {},
  overrides: Record<string, Array<Response | undefined>> = {},
) {
  const clock = new ManualClock({ start: START });
  const logged: string[] = [];
  const log = (m: string, f?: Record<string, unknown>) => logged.push(`${m} ${JSON.stringify(f ?? {})}`);
  const logger: Logger = { debug: log, info: log, warn: log, error: log };
  const scripted = fakeOrangex(clock, overrides);
  const connector = createOrangexConnector({
    exchange: 'orangex',
    apiType: 'perpetual_futures',
    credentials: { apiKey: 'client-id', apiSecret: SECRET },
    fetch: scripted.fetch,
    clock,
    logger,
    ...extra,
  });
  const rpc = (i: number) =>
    JSON.parse(scripted.requests[i]!.body!) as { method: string; params: Record<string, unknown> };
  return { clock, connector, requests: scripted.requests, rpc, logged };
}

describe('createOrangexConnector', () => {
  it('authenticates once with client_signature and reuses the token', async () => {
    const { connector, requests, rpc } = setup();
    const balance = await connector.getBalance();
    expect(balance).toMatchObject({ currency: 'USDT', total: 100, available: 90 });
    await connector.getBalance();
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual([
      '/api/v1/public/auth',
      '/api/v1/private/get_assets_info',
      '/api/v1/private/get_assets_info',
    ]);
    const auth = rpc(0).params;
    expect(auth).toMatchObject({
      grant_type: 'client_signature',
      client_id: 'client-id',
      timestamp: String(START),
    });
    const mac = createHmac('sha256', SECRET).update(`client-id\n${START}\n${auth.nonce}\n`).digest('hex');
    expect(auth.signature).toBe(Buffer.from(mac).toString('hex'));
    expect(requests[1]!.headers.authorization).toBe('bearer token-1');
    expect(rpc(1).params).toEqual({ asset_type: ['PERPETUAL'] });
    expect(requests[0]!.body).not.toContain(SECRET);
  });

  it('reads SPOT assets for the spot API type', async () => {
    const { connector, rpc } = setup({ apiType: 'spot' });
    expect(await connector.getBalance()).toMatchObject({ total: 10, available: 7 });
    expect(rpc(1).params).toEqual({ asset_type: ['SPOT'] });
  });

  it('refreshes the token before it expires', async () => {
    const { clock, connector, rpc, requests } = setup();
    await connector.getBalance();
    await clock.advance(850_000);
    await connector.getBalance();
    expect(rpc(2).params).toEqual({ grant_type: 'refresh_token', refresh_token: 'refresh-1' });
    expect(requests[3]!.headers.authorization).toBe('bearer token-2');
  });

  it('authenticates again when the refresh is refused', async () => {
    const refused = jsonReply({
      jsonrpc: '2.0',
      id: 0,
      error: { code: 10000, message: 'Authentication Failure' },
    });
    const { clock, connector, rpc, logged } = setup({}, { '/public/auth': [undefined, refused] });
    await connector.getBalance();
    await clock.advance(850_000);
    await connector.getBalance();
    expect(rpc(2).params.grant_type).toBe('refresh_token');
    expect(rpc(3).params.grant_type).toBe('client_signature');
    expect(logged.join('\n')).not.toMatch(/token-|refresh-1|orangex-secret/);
  });

  it('replaces a token the exchange rejects, once', async () => {
    const rejected = jsonReply({
      jsonrpc: '2.0',
      id: 0,
      error: { code: 10000, message: 'Authentication Failure' },
    });
    const { connector, requests } = setup({}, { '/private/get_assets_info': [rejected] });
    expect((await connector.getBalance()).total).toBe(100);
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual([
      '/api/v1/public/auth',
      '/api/v1/private/get_assets_info',
      '/api/v1/public/auth',
      '/api/v1/private/get_assets_info',
    ]);
    expect(requests[3]!.headers.authorization).toBe('bearer token-2');
  });

  it('fails with auth.failed when the key itself is refused, without retrying', async () => {
    const refused = jsonReply({
      jsonrpc: '2.0',
      id: 0,
      error: { code: 10000, message: 'Authentication Failure' },
    });
    const { connector, requests } = setup({}, { '/public/auth': [refused] });
    await expect(connector.getBalance()).rejects.toMatchObject({ code: 'auth.failed', exchangeCode: 10000 });
    expect(requests).toHaveLength(1);
  });

  it('maps a missing scope (2033) to auth.permission', async () => {
    const denied = jsonReply({ jsonrpc: '2.0', id: 0, error: { code: 2033, message: 'Access denied' } });
    const { connector } = setup({}, { '/private/get_assets_info': [denied] });
    await expect(connector.getBalance()).rejects.toMatchObject({
      code: 'auth.permission',
      exchangeCode: 2033,
    });
  });

  it('syncs the clock from usOut and signs the auth timestamp with the offset', async () => {
    const ahead = new Response(
      JSON.stringify({ jsonrpc: '2.0', id: 1, result: 'pong', usOut: (START + 4000) * 1000 }),
      {
        status: 200,
      },
    );
    const { connector, rpc } = setup({}, { '/public/ping': [ahead, ahead.clone(), ahead.clone()] });
    expect(await connector.syncClock()).toEqual({ offsetMs: 4000, rttMs: 0, samples: 3 });
    await connector.getBalance();
    expect(rpc(3).params.timestamp).toBe(String(START + 4000));
  });

  it('retries a 5xx on a private call and then succeeds', async () => {
    const { clock, connector, requests } = setup(
      {},
      { '/private/get_assets_info': [new Response('', { status: 503 })] },
    );
    expect((await settleWithClock(connector.getBalance(), clock)).total).toBe(100);
    expect(requests).toHaveLength(3);
  });

  it('times out a request that never answers', async () => {
    const clock = new ManualClock({ start: START });
    const hang = createScriptedFetch([
      (_req, signal) =>
        new Promise<Response>((_resolve, reject) =>
          signal?.addEventListener('abort', () => reject(signal.reason)),
        ),
    ]);
    const c = createOrangexConnector({
      exchange: 'orangex',
      apiType: 'rest',
      credentials: { apiKey: 'k', apiSecret: 's' },
      fetch: hang.fetch,
      clock,
      timeoutMs: 5,
      maxRetries: 0,
    });
    await expect(c.getServerTime()).rejects.toMatchObject({ code: 'timeout' });
  });

  it('reads permissions from the token scope, and routes baseUrl', async () => {
    const { connector, requests } = setup({ baseUrl: 'http://127.0.0.1:7000' });
    expect(await connector.getPermissions()).toMatchObject({
      read: true,
      trade: true,
      withdraw: false,
      ipUnknown: true,
    });
    expect(requests[0]!.url).toBe('http://127.0.0.1:7000/orangex/api/v1/public/auth');
  });

  it('passes testConnection without a misleading IP warning', async () => {
    const { connector, requests } = setup();
    const result = await connector.testConnection();
    expect(result.success).toBe(true);
    expect(result.permissions?.raw).toEqual(['account:read', 'trade:read_write', 'wallet:none']);
    expect(result.warnings).toEqual([]);
    expect(requests.filter((r) => r.url.endsWith('/public/auth'))).toHaveLength(1);
    expect(JSON.stringify(result)).not.toMatch(/token-1|orangex-secret/);
  });

  it('is created by createConnector', async () => {
    const clock = new ManualClock({ start: START });
    const c = createConnector({
      exchange: 'orangex',
      apiType: 'websocket',
      credentials: { apiKey: 'k', apiSecret: 's' },
      fetch: fakeOrangex(clock).fetch,
      clock,
    });
    expect(c.exchange).toBe('orangex');
    expect((await c.getBalance()).total).toBe(100);
  });

  it('throws a TypeError naming the field for bad options', () => {
    const base = {
      exchange: 'orangex',
      apiType: 'spot',
      credentials: { apiKey: 'k', apiSecret: 's' },
    } as const;
    expect(() => createOrangexConnector({ ...base, environment: 'testnet' })).toThrow(/^environment:/);
    expect(() => createOrangexConnector({ ...base, maxRetries: -1 })).toThrow(/^maxRetries:/);
    expect(() => createOrangexConnector({ ...base, baseUrl: 'ftp://x' })).toThrow(/^baseUrl:/);
    expect(() => createOrangexConnector({ ...base, exchange: 'pionex' })).toThrow(/^exchange:/);
  });
});
