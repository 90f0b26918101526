import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { BINGX_PATHS } from './endpoints.ts';
import { bingxParamString, bingxSignature, signBingxRequest } from './signer.ts';

// BX-V2 "Signature" section (BingX-API/BingX-swap-api-v2-doc, Perpetual_Swap_API_Documentation.md).
/** ccxt types `section` as a string; bingx.js reads it as [type, version, access]. */
const section = (parts: string[]) => parts as unknown as string;

const V2_SECRET = 'mheO6dR8ovSsxZQCOYEFCtelpuxcWGTfHw7te326y6jOwq5WpvFQ9JNljoTwBXZGv5It07m9RXSPpDQEK2w';

describe('bingxSignature', () => {
  it('reproduces the BX-V2 query-string example', async () => {
    const query = bingxParamString([
      ['symbol', 'BTC-USDT'],
      ['timestamp', 1667872120843],
      ['side', 'LONG'],
      ['leverage', 6],
    ]);
    expect(query).toBe('symbol=BTC-USDT&timestamp=1667872120843&side=LONG&leverage=6');
    expect(await bingxSignature(V2_SECRET, query)).toBe(
      '4f581ecdb1fa09b9d6e57886b6f70cffed17f82b93399722939e49a38edec2bf',
    );
  });

  it('reproduces the BX-V2 query + body example (concatenated with no separator)', async () => {
    expect(
      await bingxSignature(V2_SECRET, 'symbol=BTC-USDT&timestamp=1668159715051', 'side=LONG&leverage=6'),
    ).toBe('8b756b01e7a30f02e19c58a91ab01b29528694316b08a51ecb8dd072942bd47d');
  });
});

describe('signBingxRequest', () => {
  const base = {
    method: 'GET' as const,
    baseUrl: 'https://open-api.bingx.com',
    apiKey: 'my-key',
    apiSecret: 'my-secret',
    timestamp: 1700000000000,
  };

  it('appends recvWindow, timestamp and the signature of exactly the string sent', async () => {
    const spec = await signBingxRequest({ ...base, path: BINGX_PATHS.swapBalance, recvWindowMs: 5000 });
    const query = 'recvWindow=5000&timestamp=1700000000000';
    const signature = await bingxSignature('my-secret', query);
    expect(spec.url).toBe(
      `https://open-api.bingx.com/openApi/swap/v3/user/balance?${query}&signature=${signature}`,
    );
    expect(spec.headers).toEqual({ 'X-BX-APIKEY': 'my-key' });
    expect(spec.path).toBe('/openApi/swap/v3/user/balance');
  });

  it.each([
    ['user/balance', ['swap', 'v3', 'private'], BINGX_PATHS.swapBalance],
    ['account/balance', ['spot', 'v1', 'private'], BINGX_PATHS.spotBalance],
    ['account/apiPermissions', ['account', 'v1', 'private'], BINGX_PATHS.apiPermissions],
  ])('matches ccxt for %s', async (ccxtPath, parts, path) => {
    const exchange = new ccxt.bingx({ apiKey: 'k-0123456789abcdef', secret: 'S3cr3t+/with=chars' });
    exchange.nonce = () => 1712345678901;
    const theirs = exchange.sign(ccxtPath, section(parts), 'GET', { recvWindow: 5000 });
    const ours = await signBingxRequest({
      ...base,
      apiKey: 'k-0123456789abcdef',
      apiSecret: 'S3cr3t+/with=chars',
      timestamp: 1712345678901,
      path,
      recvWindowMs: 5000,
    });
    expect(ours.url).toBe(theirs.url);
    expect(ours.headers['X-BX-APIKEY']).toBe(theirs.headers['X-BX-APIKEY']);
    expect(theirs.body).toBeUndefined();
  });

  it('signs and sends every parameter sorted by name, as the 2026 guide and ccxt do', async () => {
    const params = [
      ['symbol', 'BTC-USDT'],
      ['limit', 5],
    ] as const;
    const ours = await signBingxRequest({ ...base, path: '/openApi/swap/v2/trade/allOrders', params });
    expect(new URL(ours.url).search).toMatch(/^\?limit=5&symbol=BTC-USDT&timestamp=1700000000000&signature=/);
    const exchange = new ccxt.bingx({ apiKey: 'my-key', secret: 'my-secret' });
    exchange.nonce = () => 1700000000000;
    const theirs = exchange.sign('trade/allOrders', section(['swap', 'v2', 'private']), 'GET', {
      symbol: 'BTC-USDT',
      limit: 5,
    });
    expect(ours.url).toBe(theirs.url);
    const sent = new URL(ours.url).search.slice(1).replace(/&signature=.*$/, '');
    expect(new URL(ours.url).searchParams.get('signature')).toBe(await bingxSignature('my-secret', sent));
  });

  it('signs a value holding [ or { unencoded and sends it URL-encoded (2026 guide)', async () => {
    const ours = await signBingxRequest({
      ...base,
      path: '/openApi/swap/v2/trade/batchOrders',
      params: [['batchOrders', '[{"symbol":"BTC-USDT"}]']],
    });
    const signed = 'batchOrders=[{"symbol":"BTC-USDT"}]&timestamp=1700000000000';
    expect(ours.url).toBe(
      `https://open-api.bingx.com/openApi/swap/v2/trade/batchOrders?batchOrders=${encodeURIComponent('[{"symbol":"BTC-USDT"}]')}&timestamp=1700000000000&signature=${await bingxSignature('my-secret', signed)}`,
    );
  });

  it('URL-encodes values holding [ or { only, never keys', () => {
    expect(bingxParamString([['list', '["a b"]']])).toBe('list=%5B%22a%20b%22%5D');
    expect(bingxParamString([['symbol', 'BTC-USDT']])).toBe('symbol=BTC-USDT');
  });
});
