import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { hmacSha256Base64 } from '../../crypto/hmac.ts';
import { okxPublicRequest, signOkxRequest } from './signer.ts';

const T = 1_607_418_537_715; // 2020-12-08T09:08:57.715Z, the timestamp in OKX's authentication docs

function ccxtOkx() {
  const ex = new ccxt.okx({ apiKey: 'test-key', secret: 'test-secret', password: 'test-pass' });
  ex.nonce = () => T;
  return ex;
}

describe('signOkxRequest', () => {
  const credentials = { apiKey: 'test-key', apiSecret: 'test-secret', passphrase: 'test-pass' };
  const cases = [
    { name: 'balance', path: 'account/balance', params: {} },
    { name: 'balance for some currencies', path: 'account/balance', params: { ccy: 'BTC,ETH' } },
    { name: 'account config', path: 'account/config', params: {} },
  ];
  for (const c of cases) {
    it(`matches ccxt byte for byte for ${c.name}`, async () => {
      const theirs = ccxtOkx().sign(c.path, 'private', 'GET', { ...c.params });
      const ours = await signOkxRequest({
        method: 'GET',
        baseUrl: 'https://www.okx.com',
        path: `/api/v5/${c.path}`,
        params: Object.entries(c.params),
        credentials,
        timestamp: T,
      });
      expect(ours.url).toBe(theirs.url);
      expect(ours.headers).toEqual(theirs.headers);
      expect(ours.body).toBe(theirs.body);
    });
  }

  it('sends the ISO-8601 millisecond timestamp and signs timestamp + METHOD + requestPath', async () => {
    const spec = await signOkxRequest({
      method: 'GET',
      baseUrl: 'https://www.okx.com',
      path: '/api/v5/account/balance',
      params: [['ccy', 'BTC']],
      credentials,
      timestamp: T,
    });
    expect(spec.headers['OK-ACCESS-TIMESTAMP']).toBe('2020-12-08T09:08:57.715Z');
    expect(spec.headers['OK-ACCESS-SIGN']).toBe(
      await hmacSha256Base64('test-secret', '2020-12-08T09:08:57.715ZGET/api/v5/account/balance?ccy=BTC'),
    );
  });

  it('signs a POST body and matches ccxt', async () => {
    const body = { instId: 'BTC-USDT', lever: '5', mgnMode: 'isolated' };
    const theirs = ccxtOkx().sign('account/set-leverage', 'private', 'POST', { ...body });
    const ours = await signOkxRequest({
      method: 'POST',
      baseUrl: 'https://www.okx.com',
      path: '/api/v5/account/set-leverage',
      body: JSON.stringify(body),
      credentials,
      timestamp: T,
    });
    expect(ours.body).toBe(theirs.body);
    expect(ours.headers).toEqual(theirs.headers);
  });

  it('adds x-simulated-trading: 1 for demo trading, on signed and public requests', async () => {
    const spec = await signOkxRequest({
      method: 'GET',
      baseUrl: 'https://www.okx.com',
      path: '/api/v5/account/balance',
      credentials,
      timestamp: T,
      simulated: true,
    });
    expect(spec.headers['x-simulated-trading']).toBe('1');
    expect(okxPublicRequest('https://www.okx.com', '/api/v5/public/time', true).headers).toEqual({
      'x-simulated-trading': '1',
    });
    expect(okxPublicRequest('https://www.okx.com', '/api/v5/public/time').headers).toEqual({});
  });
});
