import { createHmac } from 'node:crypto';
import { ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { mapBybitStreamError } from '../bybit/ws-stream.ts';
import { mapOkxStreamError } from '../okx/ws-stream.ts';
import { orangexError } from '../orangex/errors.ts';
import { pionexStreamQuery } from '../pionex/ws-stream.ts';
import type { ConnectorOptions } from '../types.ts';
import { wsBaseUrl } from './ws-hosts.ts';
import { createStreamProtocol } from './ws-streams.ts';

// Stream logins recomputed with node:crypto (an independent HMAC), and the stream URL mapping.
const clock = new ManualClock({ start: 1_700_000_000_000 });
const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text);
const options = (
  exchange: ConnectorOptions['exchange'],
  extra: Partial<ConnectorOptions> = {},
): ConnectorOptions => ({
  exchange,
  apiType: 'websocket',
  credentials: { apiKey: 'KEY123', apiSecret: 'SECRET456', passphrase: 'Pass-1' },
  clock,
  ...extra,
});
const noop = () => {};

describe('stream logins (checked against node:crypto)', () => {
  it('Bybit: auth args [apiKey, expires, hex HMAC("GET/realtime" + expires)], expires 10 s ahead', async () => {
    const plan = await createStreamProtocol(options('bybit'), () => 250).prepare(noop);
    const login = JSON.parse(plan.login!) as { op: string; args: [string, number, string] };
    const expires = 1_700_000_000_000 + 250 + 10_000;
    expect(login.op).toBe('auth');
    expect(login.args.slice(0, 2)).toEqual(['KEY123', expires]);
    expect(login.args[2]).toBe(hmac('SECRET456', `GET/realtime${expires}`).digest('hex'));
    expect(plan.url).toBe('wss://stream.bybit.com/v5/private');
  });

  it('OKX: login with timestamp in seconds and base64 HMAC(ts + "GET/users/self/verify")', async () => {
    const plan = await createStreamProtocol(options('okx')).prepare(noop);
    const arg = (JSON.parse(plan.login!) as { args: Record<string, string>[] }).args[0]!;
    expect(arg).toMatchObject({ apiKey: 'KEY123', passphrase: 'Pass-1', timestamp: '1700000000' });
    expect(arg.sign).toBe(hmac('SECRET456', '1700000000GET/users/self/verify').digest('base64'));
  });

  it('Binance: userDataStream.subscribe.signature over the parameters sorted by name', async () => {
    const plan = await createStreamProtocol(options('binance', { recvWindowMs: 6000 })).prepare(noop);
    const req = JSON.parse(plan.login!) as { method: string; params: Record<string, unknown> };
    expect(req.method).toBe('userDataStream.subscribe.signature');
    const payload = 'apiKey=KEY123&recvWindow=6000&timestamp=1700000000000';
    expect(req.params).toEqual({
      apiKey: 'KEY123',
      recvWindow: 6000,
      timestamp: 1_700_000_000_000,
      signature: hmac('SECRET456', payload).digest('hex'),
    });
    expect(plan.url).toBe('wss://ws-api.binance.com:443/ws-api/v3');
  });

  it('Pionex: the signed URL /ws?key=&timestamp=&signature=HMAC("/ws?" + sorted + "websocket_auth")', async () => {
    const query = await pionexStreamQuery('KEY123', 'SECRET456', 1_700_000_000_000);
    const sig = hmac('SECRET456', '/ws?key=KEY123&timestamp=1700000000000websocket_auth').digest('hex');
    expect(query).toBe(`key=KEY123&timestamp=1700000000000&signature=${sig}`);
    const plan = await createStreamProtocol(options('pionex')).prepare(noop);
    expect(plan.url).toBe(`wss://ws.pionex.com/ws?${query}`);
    expect(plan.safeUrl).not.toContain('KEY123');
  });

  it('OrangeX: /public/auth client_signature = hex(ASCII(hex HMAC(id\\nts\\nnonce\\n)))', async () => {
    const plan = await createStreamProtocol(options('orangex')).prepare(noop);
    const req = JSON.parse(plan.login!) as { method: string; params: Record<string, string> };
    const { nonce, signature, timestamp } = req.params;
    const inner = hmac('SECRET456', `KEY123\n${timestamp}\n${nonce}\n`).digest('hex');
    expect(req.method).toBe('/public/auth');
    expect(signature).toBe(Buffer.from(inner, 'ascii').toString('hex'));
    expect(JSON.stringify(req)).not.toContain('SECRET456');
  });
});

describe('stream URLs', () => {
  it('real hosts per environment and product', () => {
    expect(wsBaseUrl('bybit', 'testnet')).toBe('wss://stream-testnet.bybit.com');
    expect(wsBaseUrl('bybit', 'demo')).toBe('wss://stream-demo.bybit.com');
    expect(wsBaseUrl('okx', 'demo')).toBe('wss://wspap.okx.com:8443');
    expect(wsBaseUrl('binance', 'mainnet', 'futures')).toBe('wss://fstream.binance.com');
    expect(wsBaseUrl('bingx', 'demo')).toBe('wss://vst-open-api-ws.bingx.com');
    expect(() => wsBaseUrl('pionex', 'testnet')).toThrow('environment: pionex has no testnet stream');
  });

  it('with baseUrl: http→ws, /<exchange>[-env], like REST', () => {
    expect(wsBaseUrl('bybit', 'mainnet', 'default', 'http://127.0.0.1:9/')).toBe('ws://127.0.0.1:9/bybit');
    expect(wsBaseUrl('okx', 'demo', 'default', 'https://sim.example')).toBe('wss://sim.example/okx-demo');
  });
});

describe('stream error maps', () => {
  it.each([
    ['error:request expired', 'auth.timestamp'],
    ['error:signature verification failed', 'auth.invalid_signature'],
    ['error:invalid apiKey', 'auth.invalid_key'],
    ['error:apiKey has expired', 'auth.key_expired'],
    ['error:unmatched IP', 'auth.ip_not_allowed'],
    ['Request not authorized', 'auth.permission'],
    ['something else', 'auth.failed'],
  ])('Bybit %j → %s', (msg, code) => {
    expect(mapBybitStreamError(msg).code).toBe(code);
  });

  it.each([
    ['60004', 'auth.timestamp'],
    ['60005', 'auth.invalid_key'],
    ['60006', 'auth.timestamp'],
    ['60007', 'auth.invalid_signature'],
    ['60009', 'auth.failed'],
    ['60024', 'auth.passphrase'],
    ['60018', 'exchange'],
  ])('OKX %s → %s', (code, ours) => {
    expect(mapOkxStreamError(code, 'msg')).toMatchObject({ code: ours, exchangeCode: code });
  });

  it.each([
    ['Authentication Failure: timestamp outside the allowed window', 'auth.timestamp'],
    ['Authentication Failure: invalid client_secret or signature', 'auth.invalid_signature'],
    ['Authentication Failure: invalid client_id', 'auth.invalid_key'],
    ['Authentication Failure: api key expired', 'auth.key_expired'],
    ['Authentication Failure: missing credentials', 'auth.failed'],
  ])('OrangeX 10000 %j → %s', (msg, code) => {
    expect(orangexError(10000, msg)).toMatchObject({ code, exchangeCode: 10000 });
  });
});
