import { createHmac } from 'node:crypto';
import { createScriptedFetch, jsonReply, ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { BINANCE_LISTEN_TOKEN_RENEW_MS } from '../binance/ws-margin-stream.ts';
import { pionexFuturesLogin } from '../pionex/ws-futures-stream.ts';
import type { ConnectorOptions } from '../types.ts';
import { createStreamProtocol } from './ws-streams.ts';

// The product streams beside each exchange's default one: BingX spot, Pionex futures, Binance margin.
const start = 1_700_000_000_000;
const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');
const noop = () => {};
function setup(
  exchange: ConnectorOptions['exchange'],
  apiType: ConnectorOptions['apiType'],
  replies = [() => jsonReply({})],
) {
  const clock = new ManualClock({ start });
  const scripted = createScriptedFetch(replies);
  const options: ConnectorOptions = {
    exchange,
    apiType,
    credentials: { apiKey: 'KEY123', apiSecret: 'SECRET456' },
    clock,
    fetch: scripted.fetch,
  };
  return { clock, scripted, options };
}

describe('BingX spot stream (apiType spot)', () => {
  it('listenKey, then the spot host /market with an ACCOUNT_UPDATE subscription; swap stays /swap-market', async () => {
    const { options, scripted } = setup('bingx', 'spot', [() => jsonReply({ listenKey: 'LK1' })]);
    const protocol = createStreamProtocol(options);
    const plan = await protocol.prepare(noop);
    expect(scripted.requests[0]!.url).toBe('https://open-api.bingx.com/openApi/user/auth/userDataStream');
    expect(plan.url).toBe('wss://open-api-ws.bingx.com/market?listenKey=LK1');
    expect(plan.safeUrl).not.toContain('LK1');
    expect(JSON.parse(plan.subscribe!)).toEqual({
      id: 'cts-account-update',
      reqType: 'sub',
      dataType: 'ACCOUNT_UPDATE',
    });
    expect(protocol.read('{"id":"cts-account-update","code":0,"msg":""}')).toEqual({
      kind: 'subscribed',
      detail: 'ACCOUNT_UPDATE',
    });
    expect(protocol.read('Ping')).toEqual({ kind: 'heartbeat', reply: 'Pong' });
    const refused = protocol.read('{"id":"cts-account-update","code":100413,"msg":"Incorrect apiKey"}');
    expect(refused).toMatchObject({
      kind: 'error',
      error: { code: 'auth.invalid_key', exchangeCode: 100413 },
    });
    const swap = await createStreamProtocol(
      setup('bingx', 'websocket', [() => jsonReply({ listenKey: 'LK2' })]).options,
    ).prepare(noop);
    expect(swap.url).toBe('wss://open-api-swap.bingx.com/swap-market?listenKey=LK2');
    expect(swap.subscribe).toBeNull();
  });

  it('demo has no documented spot stream host: a TypeError naming environment', () => {
    expect(() => createStreamProtocol({ ...setup('bingx', 'spot').options, environment: 'demo' })).toThrow(
      /environment/,
    );
  });
});

describe('Pionex futures stream (apiType perpetual_futures)', () => {
  it('/wsUA, op auth with hex HMAC(secret, timestamp + "websocket_auth") (node:crypto)', async () => {
    const login = await pionexFuturesLogin('KEY123', 'SECRET456', start);
    expect(JSON.parse(login)).toEqual({
      op: 'auth',
      args: ['KEY123', String(start), hmac('SECRET456', `${start}websocket_auth`)],
    });
    const protocol = createStreamProtocol(setup('pionex', 'perpetual_futures').options, () => 250);
    const plan = await protocol.prepare(noop);
    expect(plan.url).toBe('wss://ws.pionex.com/wsUA');
    expect(JSON.parse(plan.login!).args[1]).toBe(String(start + 250));
    expect(JSON.parse(plan.subscribe!)).toEqual({ op: 'SUBSCRIBE', topic: 'BALANCE' });
    expect(protocol.read('{"op":"AUTH","result":true}')).toEqual({ kind: 'authenticated' });
    expect(
      protocol.read('{"op":"AUTH","result":false,"code":"INVALID_SIGNATURE","message":"bad"}'),
    ).toMatchObject({
      kind: 'error',
      error: { code: 'auth.invalid_signature', exchangeCode: 'INVALID_SIGNATURE' },
    });
    const balance = protocol.read(
      '{"topic":"BALANCE","data":{"balances":[{"coin":"USDT","free":"9","frozen":"1","debts":"0"}],"isolates":[]}}',
    );
    expect(balance).toMatchObject({ kind: 'balance', balance: { assets: [{ asset: 'USDT', total: 10 }] } });
    // The spot stream is still the default for other apiTypes.
    expect((await createStreamProtocol(setup('pionex', 'websocket').options).prepare(noop)).url).toMatch(
      /\/ws\?key=/,
    );
  });
});

describe('Binance margin stream (kind binance-margin)', () => {
  const tokenReply = (token: string, expirationTime: number) => () => jsonReply({ token, expirationTime });

  it('signed POST /sapi/v1/userListenToken, then userDataStream.subscribe.listenToken on the WS API', async () => {
    const { options, scripted } = setup('binance', 'margin', [tokenReply('TOK1', start + 86_400_000)]);
    const steps: string[] = [];
    const plan = await createStreamProtocol(options, () => 0, 'binance-margin').prepare((s) => steps.push(s));
    const req = scripted.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('https://api.binance.com/sapi/v1/userListenToken');
    expect(req.headers['x-mbx-apikey'] ?? req.headers['X-MBX-APIKEY']).toBe('KEY123');
    const payload = `timestamp=${start}&recvWindow=5000`;
    expect(req.body).toBe(`${payload}&signature=${hmac('SECRET456', payload)}`);
    expect(plan.url).toBe('wss://ws-api.binance.com:443/ws-api/v3');
    expect(JSON.parse(plan.login!)).toEqual({
      id: 'cts-margin-user-data',
      method: 'userDataStream.subscribe.listenToken',
      params: { listenToken: 'TOK1' },
    });
    expect(steps.join('\n')).toContain('listenToken received (expires 2023-11-15T22:13:20.000Z)');
  });

  it('renews the token and subscribes again only once less than an hour is left', async () => {
    const expires = start + 3 * 3_600_000;
    const { options, scripted, clock } = setup('binance', 'margin', [
      tokenReply('TOK1', expires),
      tokenReply('TOK2', expires + 86_400_000),
    ]);
    const plan = await createStreamProtocol(options, () => 0, 'binance-margin').prepare(noop);
    const sent: string[] = [];
    await clock.advance(3 * 3_600_000 - BINANCE_LISTEN_TOKEN_RENEW_MS - 1);
    await plan.keepAlive!((t) => sent.push(t));
    expect(scripted.requests).toHaveLength(1);
    await clock.advance(2);
    await plan.keepAlive!((t) => sent.push(t));
    expect(scripted.requests).toHaveLength(2);
    expect(sent.map((t) => JSON.parse(t).params.listenToken)).toEqual(['TOK2']);
  });

  it('reads an expired token, a bad token-request signature and eventStreamTerminated', async () => {
    const { options } = setup('binance', 'margin', [
      () => jsonReply({ code: -1022, msg: 'Signature for this request is not valid.' }, 400),
    ]);
    const protocol = createStreamProtocol(options, () => 0, 'binance-margin');
    await expect(protocol.prepare(noop)).rejects.toMatchObject({
      code: 'auth.invalid_signature',
      exchangeCode: -1022,
    });
    const expired = protocol.read(
      '{"id":"cts-margin-user-data","status":400,"error":{"code":-1125,"msg":"This listenToken does not exist or has expired."}}',
    );
    expect(expired).toMatchObject({
      kind: 'error',
      error: { code: 'exchange', exchangeCode: -1125, retryable: true },
    });
    expect(expired.kind === 'error' && expired.error.hint).toMatch(/userListenToken/);
    const ended = protocol.read('{"subscriptionId":0,"event":{"e":"eventStreamTerminated","E":1}}');
    expect(ended).toMatchObject({ kind: 'error', error: { code: 'exchange', retryable: true } });
    // After a renewal (subscription 1 is live), the end of the old token's subscription 0 is not an error.
    expect(
      protocol.read('{"id":"cts-margin-user-data","status":200,"result":{"subscriptionId":1}}'),
    ).toMatchObject({
      kind: 'authenticated',
    });
    expect(protocol.read('{"subscriptionId":0,"event":{"e":"eventStreamTerminated","E":2}}')).toEqual({
      kind: 'other',
    });
    expect(protocol.read('{"subscriptionId":1,"event":{"e":"eventStreamTerminated","E":3}}')).toMatchObject({
      kind: 'error',
    });
    const position = protocol.read(
      '{"subscriptionId":0,"event":{"e":"outboundAccountPosition","B":[{"a":"USDT","f":"5","l":"1"}]}}',
    );
    expect(position).toMatchObject({ kind: 'balance', balance: { total: 6, available: 5 } });
    // serverShutdown (web-socket-api.md "Connection events"): retryable, so a monitor reconnects at once.
    expect(protocol.read('{"event":{"e":"serverShutdown","E":4}}')).toMatchObject({
      kind: 'error',
      error: { code: 'exchange.unavailable', retryable: true },
    });
  });

  it('kind binance-margin needs exchange binance', () => {
    expect(() =>
      createStreamProtocol(setup('bybit', 'websocket').options, () => 0, 'binance-margin'),
    ).toThrow(/binance-margin needs exchange "binance"/);
  });
});
