import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOrangexCredentialsAuth,
  buildOrangexRefreshAuth,
  buildOrangexRpc,
  buildOrangexSignatureAuth,
  orangexClientSignature,
} from './signer.ts';

/** An independent reading of OX-PY's signature_util: hex(ascii(hex(HMAC))) with node:crypto and Buffer. */
function independentSignature(clientId: string, secret: string, timestamp: number, nonce: string): string {
  const mac = createHmac('sha256', secret).update(`${clientId}\n${timestamp}\n${nonce}\n`).digest('hex');
  return Buffer.from(mac, 'ascii').toString('hex');
}

const RPC = 'https://api.orangex.com/api/v1';

describe('orangexClientSignature', () => {
  it.each([
    ['28e91afa', 'secret-1', 1700000000000, '5f1d6c9e-0000-4000-8000-000000000001'],
    ['fd8f2bf2', '27f64a48b54b33484b97ab8a', 1712345678901, 'dfsfa'],
    ['id', 'sécret with ünicode', 1, 'n'],
  ])('is the 128-char double hex of the HMAC (client %s)', async (id, secret, ts, nonce) => {
    const ours = await orangexClientSignature(id, secret, ts, nonce);
    expect(ours).toMatch(/^[0-9a-f]{128}$/);
    expect(ours).toBe(independentSignature(id, secret, ts, nonce));
  });
});

describe('OrangeX request builders', () => {
  it('builds the client_signature auth call without sending the secret', async () => {
    const spec = await buildOrangexSignatureAuth({
      rpcBase: RPC,
      clientId: 'cid',
      clientSecret: 'top-secret',
      timestamp: 1700000000000,
      nonce: 'abc',
      id: 7,
    });
    expect(spec.method).toBe('POST');
    expect(spec.url).toBe(`${RPC}/public/auth`);
    expect(spec.path).toBe('/public/auth');
    expect(spec.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(JSON.parse(spec.body!)).toEqual({
      jsonrpc: '2.0',
      id: 7,
      method: '/public/auth',
      params: {
        grant_type: 'client_signature',
        client_id: 'cid',
        timestamp: '1700000000000',
        nonce: 'abc',
        signature: independentSignature('cid', 'top-secret', 1700000000000, 'abc'),
      },
    });
    expect(spec.body).not.toContain('top-secret');
  });

  it('sends private calls with a bearer token and array params', () => {
    const spec = buildOrangexRpc({
      rpcBase: RPC,
      method: '/private/get_assets_info',
      params: { asset_type: ['PERPETUAL'] },
      id: 3,
      accessToken: 'tok',
    });
    expect(spec.url).toBe(`${RPC}/private/get_assets_info`);
    expect(spec.headers.Authorization).toBe('bearer tok');
    expect(spec.body).toBe(
      '{"jsonrpc":"2.0","id":3,"method":"/private/get_assets_info","params":{"asset_type":["PERPETUAL"]}}',
    );
  });

  it('builds the refresh_token and client_credentials grants', () => {
    expect(
      JSON.parse(buildOrangexRefreshAuth({ rpcBase: RPC, refreshToken: 'r1', id: 1 }).body!).params,
    ).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'r1',
    });
    expect(
      JSON.parse(buildOrangexCredentialsAuth({ rpcBase: RPC, clientId: 'c', clientSecret: 's', id: 2 }).body!)
        .params,
    ).toEqual({ grant_type: 'client_credentials', client_id: 'c', client_secret: 's' });
  });
});
