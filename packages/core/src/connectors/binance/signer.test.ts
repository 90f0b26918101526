import { generateKeyPairSync } from 'node:crypto';
import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { verifyAsymmetric } from '../../crypto/asymmetric.ts';
import { binancePublicRequest, signBinanceRequest } from './signer.ts';

const T = 1_700_000_000_123;

function ccxtBinance(secret: string) {
  const ex = new ccxt.binance({ apiKey: 'test-key', secret });
  ex.options.recvWindow = 5000;
  ex.nonce = () => T;
  return ex;
}

function pems() {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ed = generateKeyPairSync('ed25519');
  return {
    rsa: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    rsaPublic: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    ed25519: ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    edPublic: ed.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

describe('signBinanceRequest', () => {
  it('reproduces the HMAC example of binance-spot-api-docs rest-api.md', async () => {
    const spec = await signBinanceRequest({
      method: 'GET',
      baseUrl: 'https://api.binance.com',
      path: '/api/v3/order',
      params: [
        ['symbol', 'LTCBTC'],
        ['side', 'BUY'],
        ['type', 'LIMIT'],
        ['timeInForce', 'GTC'],
        ['quantity', '1'],
        ['price', '0.1'],
        ['recvWindow', '5000'],
      ],
      credentials: {
        apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
        apiSecret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
      },
      timestamp: 1499827319559,
    });
    expect(spec.url).toBe(
      'https://api.binance.com/api/v3/order?symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71',
    );
    expect(spec.headers['X-MBX-APIKEY']).toBe(
      'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
    );
  });

  it('reproduces the non-ASCII HMAC example (percent-encoded before signing, rest-api.md since 2026-01-15)', async () => {
    const spec = await signBinanceRequest({
      method: 'POST',
      baseUrl: 'https://api.binance.com',
      path: '/api/v3/order',
      params: [
        ['symbol', '１２３４５６'],
        ['side', 'BUY'],
        ['type', 'LIMIT'],
        ['timeInForce', 'GTC'],
        ['quantity', '1'],
        ['price', '0.1'],
        ['recvWindow', '5000'],
      ],
      credentials: {
        apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
        apiSecret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
      },
      timestamp: 1499827319559,
    });
    expect(spec.body).toBe(
      'symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559&signature=e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3',
    );
  });

  it('appends timestamp then recvWindow after the parameters, in the order sent', async () => {
    const spec = await signBinanceRequest({
      method: 'GET',
      baseUrl: 'https://api.binance.com',
      path: '/api/v3/account',
      params: [['omitZeroBalances', 'true']],
      credentials: { apiKey: 'k', apiSecret: 's' },
      timestamp: T,
      recvWindowMs: 7000,
    });
    expect(spec.url).toMatch(
      /^https:\/\/api\.binance\.com\/api\/v3\/account\?omitZeroBalances=true&timestamp=1700000000123&recvWindow=7000&signature=[0-9a-f]{64}$/,
    );
    expect(spec.path).toBe('/api/v3/account');
    expect(spec.body).toBeUndefined();
  });

  // ccxt puts `timestamp` first (extend({timestamp}, params)) and recvWindow last; Binance signs parameters as
  // sent, so both orders are valid. For byte-for-byte comparison we hand our signer ccxt's order explicitly.
  const cases = [
    {
      name: 'spot account',
      path: 'account',
      api: 'private',
      host: 'https://api.binance.com',
      real: '/api/v3/account',
      params: { omitZeroBalances: 'true' },
    },
    {
      name: 'USDⓈ-M balance',
      path: 'balance',
      api: 'fapiPrivateV3',
      host: 'https://fapi.binance.com',
      real: '/fapi/v3/balance',
      params: {},
    },
    {
      name: 'cross margin account',
      path: 'margin/account',
      api: 'sapi',
      host: 'https://api.binance.com',
      real: '/sapi/v1/margin/account',
      params: {},
    },
    {
      name: 'API restrictions',
      path: 'account/apiRestrictions',
      api: 'sapi',
      host: 'https://api.binance.com',
      real: '/sapi/v1/account/apiRestrictions',
      params: {},
    },
  ] as const;

  for (const keyType of ['hmac', 'rsa', 'ed25519'] as const) {
    for (const c of cases) {
      it(`matches ccxt byte for byte for ${c.name} with a ${keyType} key`, async () => {
        const keys = keyType === 'hmac' ? undefined : pems();
        const secret =
          keyType === 'hmac'
            ? 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP'
            : keyType === 'rsa'
              ? keys!.rsa
              : keys!.ed25519;
        const theirs = ccxtBinance(secret).sign(c.path, c.api, 'GET', { ...c.params });
        const ours = await signBinanceRequest({
          method: 'GET',
          baseUrl: c.host,
          path: c.real,
          params: [['timestamp', String(T)], ...Object.entries(c.params), ['recvWindow', '5000']],
          credentials: { apiKey: 'test-key', apiSecret: secret, keyType },
          timestamp: T,
        });
        expect(ours.url).toBe(theirs.url);
        expect(ours.headers).toEqual(theirs.headers);
        expect(ours.method).toBe(theirs.method);
        expect(ours.body).toBe(theirs.body);
        if (keyType !== 'hmac') {
          const [payload, signature] = ours.url.split('?')[1]!.split('&signature=') as [string, string];
          const publicPem = keyType === 'rsa' ? keys!.rsaPublic : keys!.edPublic;
          expect(await verifyAsymmetric(keyType, publicPem, payload, decodeURIComponent(signature))).toBe(
            true,
          );
        }
      });
    }
  }

  it('matches ccxt when timestamp is appended by us and there are no other parameters', async () => {
    const theirs = ccxtBinance('secret-x').sign('balance', 'fapiPrivateV3', 'GET', {});
    const ours = await signBinanceRequest({
      method: 'GET',
      baseUrl: 'https://fapi.binance.com',
      path: '/fapi/v3/balance',
      credentials: { apiKey: 'test-key', apiSecret: 'secret-x' },
      timestamp: T,
    });
    expect(ours.url).toBe(theirs.url);
  });

  it('percent-encodes parameter values before signing and sends POST parameters as a form body', async () => {
    const spec = await signBinanceRequest({
      method: 'POST',
      baseUrl: 'https://api.binance.com',
      path: '/api/v3/order/test',
      params: [['newClientOrderId', 'a b/ü']],
      credentials: { apiKey: 'k', apiSecret: 's' },
      timestamp: T,
    });
    expect(spec.url).toBe('https://api.binance.com/api/v3/order/test');
    expect(spec.body).toMatch(
      /^newClientOrderId=a%20b%2F%C3%BC&timestamp=1700000000123&recvWindow=5000&signature=/,
    );
    expect(spec.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
  });

  it('builds unsigned public requests without credentials', () => {
    expect(binancePublicRequest('https://fapi.binance.com', '/fapi/v1/time')).toEqual({
      method: 'GET',
      url: 'https://fapi.binance.com/fapi/v1/time',
      headers: {},
      path: '/fapi/v1/time',
    });
  });
});
