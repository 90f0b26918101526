import { ManualClock } from '@cts/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { binanceGet, type Loose } from '../../../test/signers.ts';
import { createSimulator } from '../../app.ts';
import type { Simulator } from '../../simulator.ts';

const BASE = 'http://sim.local/binance';

describe('binance', () => {
  let clock: ManualClock;
  let sim: Simulator;
  beforeEach(() => {
    clock = new ManualClock();
    sim = createSimulator({ clock, trustProxy: true });
  });
  const send = async (s: { url: string; init: RequestInit }, extra: Record<string, string> = {}) => {
    const res = await sim.fetch(s.url, { ...s.init, headers: { ...(s.init.headers as object), ...extra } });
    return { res, body: (await res.json()) as Loose };
  };

  it('serves spot, futures v3/v2, cross margin and apiRestrictions on one prefix', async () => {
    const acct = await sim.createAccount({
      exchange: 'binance',
      balances: {
        spot: { USDT: 12.5, ETH: 0 },
        futures: { USDT: { free: 90, locked: 10 } },
        margin: { BTC: 1 },
      },
    });
    const spot = await send(binanceGet(BASE, acct, '/api/v3/account', 'omitZeroBalances=true', clock.now()));
    expect(spot.body.balances).toEqual([{ asset: 'USDT', free: '12.50000000', locked: '0.00000000' }]);
    expect(spot.res.headers.get('x-mbx-used-weight-1m')).toBe('20');
    const fut = await send(binanceGet(BASE, acct, '/fapi/v3/balance', '', clock.now()));
    expect(fut.body[0]).toMatchObject({
      asset: 'USDT',
      balance: '100.00000000',
      availableBalance: '90.00000000',
    });
    expect(fut.res.headers.get('x-mbx-used-weight-1m')).toBe('5');
    const v2 = await send(binanceGet(BASE, acct, '/fapi/v2/balance', '', clock.now()));
    expect(v2.body[0].crossWalletBalance).toBe('100.00000000');
    const account = await send(binanceGet(BASE, acct, '/fapi/v3/account', '', clock.now()));
    expect(account.body.totalWalletBalance).toBe('100.00000000');
    const margin = await send(binanceGet(BASE, acct, '/sapi/v1/margin/account', '', clock.now()));
    expect(margin.body.totalNetAssetOfBtc).toBe('1.00000000');
    expect(margin.res.headers.get('x-sapi-used-ip-weight-1m')).toBe('10');
    const perms = await send(binanceGet(BASE, acct, '/sapi/v1/account/apiRestrictions', '', clock.now()));
    expect(perms.body).toMatchObject({ enableReading: true, enableWithdrawals: false, ipRestrict: false });
    const time = await sim.fetch(`${BASE}/fapi/v1/time`);
    expect(await time.json()).toEqual({ serverTime: clock.now() });
  });

  it('verifies RSA and Ed25519 keys (base64, percent-encoded)', async () => {
    for (const keyType of ['rsa', 'ed25519'] as const) {
      const acct = await sim.createAccount({ exchange: 'binance', keyType });
      const ok = await send(binanceGet(BASE, { ...acct, keyType }, '/api/v3/account', '', clock.now()));
      expect(ok.res.status).toBe(200);
      const other = await sim.createAccount({ exchange: 'binance', keyType });
      const bad = await send(
        binanceGet(BASE, { ...other, apiKey: acct.apiKey, keyType }, '/api/v3/account', '', clock.now()),
      );
      expect([bad.res.status, bad.body.code]).toEqual([400, -1022]);
    }
  });

  it('answers -2014 without a key, -2015 for unknown, other-environment, IP and permission failures', async () => {
    const acct = await sim.createAccount({
      exchange: 'binance',
      environment: 'testnet',
      ipWhitelist: ['10.1.1.1'],
    });
    const none = await send({ url: `${BASE}/api/v3/account?timestamp=1&signature=x`, init: { headers: {} } });
    expect([none.res.status, none.body.code]).toEqual([401, -2014]);
    const unknown = await send(
      binanceGet(BASE, { ...acct, apiKey: 'zz' }, '/api/v3/account', '', clock.now()),
    );
    expect([unknown.res.status, unknown.body.code]).toEqual([401, -2015]);
    const env = await send(binanceGet(BASE, acct, '/api/v3/account', '', clock.now()), {
      'x-forwarded-for': '10.1.1.1',
    });
    expect(env.body.code).toBe(-2015);
    const test = 'http://sim.local/binance-testnet';
    const ip = await send(binanceGet(test, acct, '/api/v3/account', '', clock.now()), {
      'x-forwarded-for': '10.1.1.2',
    });
    expect(ip.body.code).toBe(-2015);
    const good = await send(binanceGet(test, acct, '/api/v3/account', '', clock.now()), {
      'x-forwarded-for': '10.1.1.1',
    });
    expect(good.res.status).toBe(200);
    const noFutures = await sim.createAccount({ exchange: 'binance', permissions: { futures: false } });
    const denied = await send(binanceGet(BASE, noFutures, '/fapi/v3/balance', '', clock.now()));
    expect(denied.body.code).toBe(-2015);
    const keys = sim.stats().binance?.keys;
    expect(keys?.[acct.id]?.rejections).toEqual({ wrong_environment: 1, ip: 1 });
    expect(keys?.[noFutures.id]?.rejections).toEqual({ permission: 1 });
  });

  it('answers -1021 when ts >= serverTime + 1000 or serverTime - ts > recvWindow', async () => {
    const acct = await sim.createAccount({ exchange: 'binance' });
    const now = clock.now();
    const ahead = await send(binanceGet(BASE, acct, '/api/v3/account', '', now + 1000));
    expect([ahead.res.status, ahead.body.code]).toEqual([400, -1021]);
    expect((await send(binanceGet(BASE, acct, '/api/v3/account', '', now + 999))).res.status).toBe(200);
    const old = await send(binanceGet(BASE, acct, '/api/v3/account', '', now - 5001));
    expect(old.body.code).toBe(-1021);
    const wide = await send(binanceGet(BASE, acct, '/api/v3/account', 'recvWindow=10000', now - 9000));
    expect(wide.res.status).toBe(200);
    const tooWide = await send(binanceGet(BASE, acct, '/api/v3/account', 'recvWindow=60001', now));
    expect(tooWide.body.code).toBe(-1131);
  });

  it('answers -1022 for a wrong secret and for parameters reordered after signing', async () => {
    const acct = await sim.createAccount({ exchange: 'binance' });
    const wrong = await send(
      binanceGet(BASE, { ...acct, apiSecret: 'nope' }, '/api/v3/account', '', clock.now()),
    );
    expect(wrong.body.code).toBe(-1022);
    const s = binanceGet(BASE, acct, '/api/v3/account', 'omitZeroBalances=true', clock.now());
    const [path, query] = s.url.split('?') as [string, string];
    const [a, b, sig] = query.split('&');
    const swapped = await send({ url: `${path}?${b}&${a}&${sig}`, init: s.init });
    expect(swapped.body.code).toBe(-1022);
  });

  it('answers 429 past 6000 weight per minute, then 418 with an escalating ban after repeated 429s', async () => {
    const acct = await sim.createAccount({ exchange: 'binance' });
    for (let i = 0; i < 300; i++)
      expect((await send(binanceGet(BASE, acct, '/api/v3/account', '', clock.now()))).res.status).toBe(200);
    const statuses: number[] = [];
    const retry: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await send(binanceGet(BASE, acct, '/api/v3/account', '', clock.now()));
      statuses.push(r.res.status);
      retry.push(r.res.headers.get('retry-after') ?? '');
    }
    expect(statuses).toEqual([429, 429, 429, 429, 418]);
    expect(retry[0]).toBe('60');
    expect(retry[4]).toBe('120');
    await clock.advance(60_000);
    expect((await send(binanceGet(BASE, acct, '/api/v3/time', '', clock.now()))).res.status).toBe(418);
    await clock.advance(60_000);
    expect((await send(binanceGet(BASE, acct, '/api/v3/account', '', clock.now()))).res.status).toBe(200);
    expect(sim.stats().binance?.keys[acct.id]?.rateLimitViolations).toBe(5);
  });

  it('counts fapi weight separately (2400 per minute) from spot', async () => {
    const acct = await sim.createAccount({ exchange: 'binance' });
    for (let i = 0; i < 480; i++) await send(binanceGet(BASE, acct, '/fapi/v3/balance', '', clock.now()));
    const over = await send(binanceGet(BASE, acct, '/fapi/v3/balance', '', clock.now()));
    expect([over.res.status, over.body.code]).toEqual([429, -1003]);
    const spot = await send(binanceGet(BASE, acct, '/api/v3/account', '', clock.now()));
    expect(spot.res.status).toBe(200);
  });
});
