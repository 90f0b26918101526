import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../../crypto/hmac.ts';
import { pionexPrehash, pionexSortedQuery, signPionexRequest } from './signer.ts';

/** An independent reading of the Pionex rules (node:crypto, byte-wise key order), to compare against ours. */
function independentSignature(
  secret: string,
  method: string,
  path: string,
  params: Record<string, string>,
  body = '',
): string {
  const pairs = Object.entries(params).sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const prehash = `${method}${path}?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}${body}`;
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(prehash, 'utf8').digest('hex');
}

describe('pionexPrehash', () => {
  it('reproduces the published example (which appends a body to a GET)', async () => {
    // pionex-doc.gitbook.io/apidocs "Authentication": secret, timestamp, request and signature as printed.
    const prehash = pionexPrehash(
      'GET',
      '/api/v1/trade/allOrders',
      { symbol: 'BTC_USDT', limit: 1, timestamp: 1655896754515 },
      '{"symbol": "BTC_USDT"}',
    );
    expect(prehash).toBe(
      'GET/api/v1/trade/allOrders?limit=1&symbol=BTC_USDT&timestamp=1655896754515{"symbol": "BTC_USDT"}',
    );
    expect(await hmacSha256Hex('NFqv4MB3hB0SOiEsJNDP9e0jDdKPWbDqS_Z1dbU4', prehash)).toBe(
      'ec83d21e1237cbe7e0172f79c0e3a4741c86f6b201ba762f21149bf195519be1',
    );
  });

  it('sorts by ASCII (uppercase before lowercase) and does not encode values', () => {
    expect(pionexSortedQuery({ b: 'x y', A: 1, a: '/' }, false)).toBe('A=1&a=/&b=x y');
    expect(pionexSortedQuery({ b: 'x y', A: 1, a: '/' }, true)).toBe('A=1&a=%2F&b=x%20y');
  });
});

describe('signPionexRequest', () => {
  const base = { baseUrl: 'https://api.pionex.com', apiKey: 'px-key', apiSecret: 'px-secret/+=' };

  it.each([
    ['GET', '/api/v1/account/balances', {}, undefined],
    ['GET', '/uapi/v1/account/balances', {}, undefined],
    ['GET', '/api/v1/trade/allOrders', { symbol: 'BTC_USDT', limit: 1, startTime: 1 }, undefined],
    ['POST', '/api/v1/trade/order', {}, { symbol: 'BTC_USDT', side: 'BUY', type: 'LIMIT', size: '0.01' }],
  ] as const)('matches an independent signer for %s %s', async (method, path, query, body) => {
    const spec = await signPionexRequest({ ...base, method, path, query, body, timestamp: 1700000000123 });
    const params = Object.fromEntries(
      Object.entries({ ...query, timestamp: 1700000000123 }).map(([k, v]) => [k, String(v)]),
    );
    const bodyText = body === undefined ? '' : JSON.stringify(body);
    expect(spec.headers['PIONEX-SIGNATURE']).toBe(
      independentSignature(base.apiSecret, method, path, params, bodyText),
    );
    expect(spec.headers['PIONEX-KEY']).toBe('px-key');
    expect(spec.body).toBe(body === undefined ? undefined : bodyText);
    expect(new URL(spec.url).searchParams.get('timestamp')).toBe('1700000000123');
    expect(spec.path).toBe(path);
  });

  it('sends the sorted query it signed', async () => {
    const spec = await signPionexRequest({
      ...base,
      method: 'GET',
      path: '/api/v1/account/balances',
      timestamp: 5,
    });
    expect(spec.url).toBe('https://api.pionex.com/api/v1/account/balances?timestamp=5');
    expect(spec.headers['Content-Type']).toBeUndefined();
  });
});
