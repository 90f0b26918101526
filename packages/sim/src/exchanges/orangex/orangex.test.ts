import { describe, expect, it } from 'vitest';
import { type Loose, orangexSignature, rpc } from '../../../test/signers.ts';
import { useSimulator } from '../../../test/sim-harness.ts';

const BASE = 'http://sim.local/orangex';

describe('orangex', () => {
  const t = useSimulator({ orangex: { accessTtlMs: 60_000, refreshTtlMs: 120_000 } });
  const assets = (token: string, params: unknown = { asset_type: ['PERPETUAL', 'SPOT'] }) =>
    t.send(rpc(BASE, '/private/get_assets_info', params, { authorization: `bearer ${token}` }));

  it('issues tokens by client_credentials (GET) and client_signature (POST), then serves assets', async () => {
    const acct = await t.sim.createAccount({
      exchange: 'orangex',
      balances: { spot: { USDT: 7 }, futures: { USDT: 9 } },
    });
    const q = `grant_type=client_credentials&client_id=${acct.apiKey}&client_secret=${acct.apiSecret}`;
    const byGet = (await (await t.sim.fetch(`${BASE}/api/v1/public/auth?${q}`)).json()) as Loose;
    expect(byGet.result).toMatchObject({
      token_type: 'bearer',
      expires_in: 60,
      scope: expect.stringContaining('account:read_write'),
    });
    expect(byGet.usIn).toBe(t.clock.now() * 1000);
    const ts = t.clock.now();
    const bySig = await t.send(
      rpc(BASE, '/public/auth', {
        grant_type: 'client_signature',
        client_id: acct.apiKey,
        timestamp: ts,
        nonce: 'abc',
        signature: orangexSignature(acct, ts, 'abc'),
      }),
    );
    expect(bySig.body.id).toBe(7);
    const { body } = await assets(bySig.body.result.access_token);
    expect(body.result.PERPETUAL).toMatchObject({ available_funds: '9', wallet_balance: '9' });
    expect(body.result.SPOT.details[0]).toMatchObject({ coin_type: 'USDT', available: '7' });
    expect(body).toHaveProperty('usDiff');
  });

  it('expires access tokens, refreshes once, and rejects a reused refresh token', async () => {
    const acct = await t.sim.createAccount({ exchange: 'orangex' });
    const q = `grant_type=client_credentials&client_id=${acct.apiKey}&client_secret=${acct.apiSecret}`;
    const first = ((await (await t.sim.fetch(`${BASE}/api/v1/public/auth?${q}`)).json()) as Loose).result;
    await t.clock.advance(60_000);
    expect((await assets(first.access_token)).body.error.code).toBe(10000);
    const refreshed = await t.send(
      rpc(BASE, '/public/auth', { grant_type: 'refresh_token', refresh_token: first.refresh_token }),
    );
    expect((await assets(refreshed.body.result.access_token)).body.result).toBeDefined();
    const again = await t.send(
      rpc(BASE, '/public/auth', { grant_type: 'refresh_token', refresh_token: first.refresh_token }),
    );
    expect(again.body.error.code).toBe(10000);
  });

  it('answers 10000 for bad secrets, signatures, timestamps, IPs and missing tokens; 2033 without read; 1000 for unknown methods', async () => {
    const acct = await t.sim.createAccount({ exchange: 'orangex', ipWhitelist: ['10.0.0.1'] });
    const auth = (params: Record<string, unknown>, ip = '10.0.0.1') => {
      const s = rpc(BASE, '/public/auth', params, { 'x-forwarded-for': ip });
      return t.send(s);
    };
    const creds = { grant_type: 'client_credentials', client_id: acct.apiKey, client_secret: acct.apiSecret };
    expect((await auth({ ...creds, client_secret: 'x' })).body.error.code).toBe(10000);
    expect((await auth({ ...creds, client_id: 'nobody' })).body.error.code).toBe(10000);
    expect((await auth(creds, '10.0.0.2')).body.error.message).toContain('IP');
    const ts = t.clock.now() - 30_001;
    const stale = { grant_type: 'client_signature', client_id: acct.apiKey, timestamp: ts, nonce: 'n' };
    expect(
      (await auth({ ...stale, signature: orangexSignature(acct, ts, 'n') })).body.error.message,
    ).toContain('timestamp');
    const now = t.clock.now();
    const forged = {
      ...stale,
      timestamp: now,
      signature: orangexSignature({ ...acct, apiSecret: 'x' }, now, 'n'),
    };
    expect((await auth(forged)).body.error.code).toBe(10000);
    expect((await auth(creds)).body.result.access_token).toBeTruthy();
    expect(
      (await t.send(rpc(BASE, '/private/get_assets_info', { asset_type: ['SPOT'] }))).body.error.code,
    ).toBe(10000);
    const noRead = await t.sim.createAccount({ exchange: 'orangex', permissions: { read: false } });
    const granted = (await auth({ ...creds, client_id: noRead.apiKey, client_secret: noRead.apiSecret })).body
      .result;
    expect(granted.scope).toContain('account:none');
    expect((await assets(granted.access_token)).body.error.code).toBe(2033);
    expect((await t.send(rpc(BASE, '/private/nothing', {}))).body.error.code).toBe(1000);
  });

  it('serves /public/get_time and answers 429 past 10 requests per second per IP', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await t.sim.fetch(`${BASE}/api/v1/public/get_time`)).status);
    expect(codes.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(codes[10]).toBe(429);
    await t.clock.advance(1000);
    const body = (await (await t.sim.fetch(`${BASE}/api/v1/public/get_time`)).json()) as Loose;
    expect(body.result).toBe(t.clock.now());
  });
});
