import { generateKeyPairSync } from 'node:crypto';
import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../../crypto/hmac.ts';
import { bybitPublicRequest, signBybitRequest } from './signer.ts';

const T = 1_700_000_000_123;

function ccxtBybit(secret: string) {
  const ex = new ccxt.bybit({ apiKey: 'test-key', secret });
  ex.options.recvWindow = 5000;
  ex.nonce = () => T;
  return ex;
}

/**
 * ccxt (4.5) differs from the Bybit docs/official examples in two harmless ways, both outside the signature:
 * it sends `Content-Type: application/json` on GETs (we send no body, so no content type), and it omits
 * `X-BAPI-SIGN-TYPE: 2`, which the official examples send; and it leaves a bare `?` on a URL without a query.
 * Everything signed must match byte for byte.
 */
function comparable(headers: Record<string, string>) {
  const { 'Content-Type': _ct, 'X-BAPI-SIGN-TYPE': _st, ...rest } = headers;
  return rest;
}

describe('signBybitRequest', () => {
  const cases = [
    { name: 'wallet balance', path: '/v5/account/wallet-balance', params: { accountType: 'UNIFIED' } },
    { name: 'API key info', path: '/v5/user/query-api', params: {} },
    {
      name: 'balance with a coin filter',
      path: '/v5/account/wallet-balance',
      params: { accountType: 'UNIFIED', coin: 'USDT' },
    },
  ];
  for (const keyType of ['hmac', 'rsa'] as const) {
    for (const c of cases) {
      it(`matches ccxt byte for byte for ${c.name} with a ${keyType} key`, async () => {
        const secret =
          keyType === 'hmac'
            ? 'XXXXXXXXXXsecretXXXXXXXXXXXXXXXXXXXX'
            : generateKeyPairSync('rsa', { modulusLength: 2048 })
                .privateKey.export({ type: 'pkcs8', format: 'pem' })
                .toString();
        const theirs = ccxtBybit(secret).sign(c.path.slice(1), 'private', 'GET', { ...c.params });
        const ours = await signBybitRequest({
          method: 'GET',
          baseUrl: 'https://api.bybit.com',
          path: c.path,
          params: Object.entries(c.params),
          credentials: { apiKey: 'test-key', apiSecret: secret, keyType },
          timestamp: T,
        });
        // ccxt leaves a bare '?' on a GET without parameters; the signed string is the same (empty query).
        expect(ours.url).toBe(theirs.url.replace(/\?$/, ''));
        expect(comparable(ours.headers)).toEqual(comparable(theirs.headers));
        expect(ours.headers['X-BAPI-SIGN-TYPE']).toBe('2');
        expect(ours.body).toBe(theirs.body);
      });
    }
  }

  it('signs timestamp + apiKey + recvWindow + queryString as the V5 guide says', async () => {
    const spec = await signBybitRequest({
      method: 'GET',
      baseUrl: 'https://api-testnet.bybit.com',
      path: '/v5/account/wallet-balance',
      params: [['accountType', 'UNIFIED']],
      credentials: { apiKey: 'KEY', apiSecret: 'SECRET' },
      timestamp: 1658384314791,
      recvWindowMs: 20000,
    });
    expect(spec.headers['X-BAPI-SIGN']).toBe(
      await hmacSha256Hex('SECRET', '1658384314791KEY20000accountType=UNIFIED'),
    );
    expect(spec.headers['X-BAPI-RECV-WINDOW']).toBe('20000');
    expect(spec.url).toBe('https://api-testnet.bybit.com/v5/account/wallet-balance?accountType=UNIFIED');
  });

  it('signs the exact JSON body of a POST and matches ccxt', async () => {
    const body = { category: 'linear', symbol: 'BTCUSDT' };
    const theirs = ccxtBybit('s3cr3t').sign('v5/position/set-leverage', 'private', 'POST', { ...body });
    const ours = await signBybitRequest({
      method: 'POST',
      baseUrl: 'https://api.bybit.com',
      path: '/v5/position/set-leverage',
      body: JSON.stringify(body),
      credentials: { apiKey: 'test-key', apiSecret: 's3cr3t' },
      timestamp: T,
    });
    expect(ours.body).toBe(theirs.body);
    expect(ours.headers['X-BAPI-SIGN']).toBe(theirs.headers['X-BAPI-SIGN']);
    expect(ours.headers['Content-Type']).toBe('application/json');
  });

  it('builds unsigned public requests', () => {
    expect(bybitPublicRequest('https://api.bybit.com', '/v5/market/time').url).toBe(
      'https://api.bybit.com/v5/market/time',
    );
  });
});
