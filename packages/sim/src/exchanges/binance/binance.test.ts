import { describe, expect, it } from 'vitest';
import { binanceGet, type Loose } from '../../../test/signers.ts';
import { useSimulator } from '../../../test/sim-harness.ts';
import { hmacHex } from '../hmac.ts';

const BASE = 'http://sim.local/binance';

describe('binance', () => {
  const t = useSimulator();

  it('serves spot, futures v3/v2, cross margin and apiRestrictions on one prefix', async () => {
    const acct = await t.sim.createAccount({
      exchange: 'binance',
      balances: {
        spot: { USDT: 12.5, ETH: 0 },
        futures: { USDT: { free: 90, locked: 10 } },
        margin: { BTC: 1 },
      },
    });
    const spot = await t.send(
      binanceGet(BASE, acct, '/api/v3/account', 'omitZeroBalances=true', t.clock.now()),
    );
    expect(spot.body.balances).toEqual([{ asset: 'USDT', free: '12.50000000', locked: '0.00000000' }]);
    expect(spot.res.headers.get('x-mbx-used-weight-1m')).toBe('20');
    const fut = await t.send(binanceGet(BASE, acct, '/fapi/v3/balance', '', t.clock.now()));
    expect(fut.body[0]).toMatchObject({
      asset: 'USDT',
      balance: '100.00000000',
      availableBalance: '90.00000000',
    });
    expect(fut.res.headers.get('x-mbx-used-weight-1m')).toBe('5');
    const v2 = await t.send(binanceGet(BASE, acct, '/fapi/v2/balance', '', t.clock.now()));
    expect(v2.body[0].crossWalletBalance).toBe('100.00000000');
    const account = await t.send(binanceGet(BASE, acct, '/fapi/v3/account', '', t.clock.now()));
    expect(account.body.totalWalletBalance).toBe('100.00000000');
    const margin = await t.send(binanceGet(BASE, acct, '/sapi/v1/margin/account', '', t.clock.now()));
    expect(margin.body.totalNetAssetOfBtc).toBe('1.00000000');
    expect(margin.res.headers.get('x-sapi-used-ip-weight-1m')).toBe('10');
    const perms = await t.send(binanceGet(BASE, acct, '/sapi/v1/account/apiRestrictions', '', t.clock.now()));
    expect(perms.body).toMatchObject({ enableReading: true, enableWithdrawals: false, ipRestrict: false });
    const time = await t.sim.fetch(`${BASE}/fapi/v1/time`);
    expect(await time.json()).toEqual({ serverTime: t.clock.now() });
  });

  it('reports createTime, and tradingAuthorityExpirationTime only for an unrestricted key that can trade', async () => {
    const DAY = 86_400_000;
    const created = t.clock.now() - DAY;
    const open = await t.sim.createAccount({ exchange: 'binance', createdAt: created });
    const o = await t.send(binanceGet(BASE, open, '/sapi/v1/account/apiRestrictions', '', t.clock.now()));
    expect(o.body).toMatchObject({ createTime: created, tradingAuthorityExpirationTime: created + 30 * DAY });
    const bound = await t.sim.createAccount({ exchange: 'binance', ipWhitelist: ['127.0.0.1'] });
    const b = await t.send(binanceGet(BASE, bound, '/sapi/v1/account/apiRestrictions', '', t.clock.now()));
    expect(b.body.ipRestrict).toBe(true);
    expect('tradingAuthorityExpirationTime' in b.body).toBe(false);
    const readOnly = await t.sim.createAccount({
      exchange: 'binance',
      permissions: { trade: false, futures: false, margin: false },
    });
    const r = await t.send(binanceGet(BASE, readOnly, '/sapi/v1/account/apiRestrictions', '', t.clock.now()));
    expect('tradingAuthorityExpirationTime' in r.body).toBe(false);
  });

  it('verifies RSA and Ed25519 keys (base64, percent-encoded)', async () => {
    for (const keyType of ['rsa', 'ed25519'] as const) {
      const acct = await t.sim.createAccount({ exchange: 'binance', keyType });
      const ok = await t.send(binanceGet(BASE, { ...acct, keyType }, '/api/v3/account', '', t.clock.now()));
      expect(ok.res.status).toBe(200);
      const other = await t.sim.createAccount({ exchange: 'binance', keyType });
      const bad = await t.send(
        binanceGet(BASE, { ...other, apiKey: acct.apiKey, keyType }, '/api/v3/account', '', t.clock.now()),
      );
      expect([bad.res.status, bad.body.code]).toEqual([400, -1022]);
    }
  });

  it('answers -2014 without a key, -2015 for unknown, other-environment, IP and permission failures', async () => {
    const acct = await t.sim.createAccount({
      exchange: 'binance',
      environment: 'testnet',
      ipWhitelist: ['10.1.1.1'],
    });
    const none = await t.send({
      url: `${BASE}/api/v3/account?timestamp=1&signature=x`,
      init: { headers: {} },
    });
    expect([none.res.status, none.body.code]).toEqual([401, -2014]);
    const unknown = await t.send(
      binanceGet(BASE, { ...acct, apiKey: 'zz' }, '/api/v3/account', '', t.clock.now()),
    );
    expect([unknown.res.status, unknown.body.code]).toEqual([401, -2015]);
    const env = await t.send(binanceGet(BASE, acct, '/api/v3/account', '', t.clock.now()), {
      'x-forwarded-for': '10.1.1.1',
    });
    expect(env.body.code).toBe(-2015);
    const test = 'http://sim.local/binance-testnet';
    const ip = await t.send(binanceGet(test, acct, '/api/v3/account', '', t.clock.now()), {
      'x-forwarded-for': '10.1.1.2',
    });
    expect(ip.body.code).toBe(-2015);
    const good = await t.send(binanceGet(test, acct, '/api/v3/account', '', t.clock.now()), {
      'x-forwarded-for': '10.1.1.1',
    });
    expect(good.res.status).toBe(200);
    const noFutures = await t.sim.createAccount({ exchange: 'binance', permissions: { futures: false } });
    const denied = await t.send(binanceGet(BASE, noFutures, '/fapi/v3/balance', '', t.clock.now()));
    expect(denied.body.code).toBe(-2015);
    const keys = t.sim.stats().binance?.keys;
    expect(keys?.[acct.id]?.rejections).toEqual({ wrong_environment: 1, ip: 1 });
    expect(keys?.[noFutures.id]?.rejections).toEqual({ permission: 1 });
  });

  it('answers -1021 when ts >= serverTime + 1000 or serverTime - ts > recvWindow', async () => {
    const acct = await t.sim.createAccount({ exchange: 'binance' });
    const now = t.clock.now();
    const ahead = await t.send(binanceGet(BASE, acct, '/api/v3/account', '', now + 1000));
    expect([ahead.res.status, ahead.body.code]).toEqual([400, -1021]);
    expect((await t.send(binanceGet(BASE, acct, '/api/v3/account', '', now + 999))).res.status).toBe(200);
    const old = await t.send(binanceGet(BASE, acct, '/api/v3/account', '', now - 5001));
    expect(old.body.code).toBe(-1021);
    const wide = await t.send(binanceGet(BASE, acct, '/api/v3/account', 'recvWindow=10000', now - 9000));
    expect(wide.res.status).toBe(200);
    const tooWide = await t.send(binanceGet(BASE, acct, '/api/v3/account', 'recvWindow=60001', now));
    expect(tooWide.body.code).toBe(-1131);
  });

  it('answers -1022 for a wrong secret and for parameters reordered after signing', async () => {
    const acct = await t.sim.createAccount({ exchange: 'binance' });
    const wrong = await t.send(
      binanceGet(BASE, { ...acct, apiSecret: 'nope' }, '/api/v3/account', '', t.clock.now()),
    );
    expect(wrong.body.code).toBe(-1022);
    const s = binanceGet(BASE, acct, '/api/v3/account', 'omitZeroBalances=true', t.clock.now());
    const [path, query] = s.url.split('?') as [string, string];
    const [a, b, sig] = query.split('&');
    const swapped = await t.send({ url: `${path}?${b}&${a}&${sig}`, init: s.init });
    expect(swapped.body.code).toBe(-1022);
  });

  it('answers 429 past 6000 weight per minute, then 418 with an escalating ban after repeated 429s', async () => {
    const acct = await t.sim.createAccount({ exchange: 'binance' });
    for (let i = 0; i < 300; i++)
      expect((await t.send(binanceGet(BASE, acct, '/api/v3/account', '', t.clock.now()))).res.status).toBe(
        200,
      );
    const statuses: number[] = [];
    const retry: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await t.send(binanceGet(BASE, acct, '/api/v3/account', '', t.clock.now()));
      statuses.push(r.res.status);
      retry.push(r.res.headers.get('retry-after') ?? '');
    }
    expect(statuses).toEqual([429, 429, 429, 429, 418]);
    expect(retry[0]).toBe('60');
    expect(retry[4]).toBe('120');
    await t.clock.advance(60_000);
    expect((await t.send(binanceGet(BASE, acct, '/api/v3/time', '', t.clock.now()))).res.status).toBe(418);
    await t.clock.advance(60_000);
    expect((await t.send(binanceGet(BASE, acct, '/api/v3/account', '', t.clock.now()))).res.status).toBe(200);
    expect(t.sim.stats().binance?.keys[acct.id]?.rateLimitViolations).toBe(5);
  });

  it('counts fapi weight separately (2400 per minute) from spot', async () => {
    const acct = await t.sim.createAccount({ exchange: 'binance' });
    for (let i = 0; i < 480; i++) await t.send(binanceGet(BASE, acct, '/fapi/v3/balance', '', t.clock.now()));
    const over = await t.send(binanceGet(BASE, acct, '/fapi/v3/balance', '', t.clock.now()));
    expect([over.res.status, over.body.code]).toEqual([429, -1003]);
    const spot = await t.send(binanceGet(BASE, acct, '/api/v3/account', '', t.clock.now()));
    expect(spot.res.status).toBe(200);
  });

  it('answers /api/v1/* (retired 2026-03-25) with the plain 404 page', async () => {
    for (const path of ['/api/v1/time', '/api/v1/ping', '/api/v1/userDataStream']) {
      const res = await t.sim.fetch(`${BASE}${path}`);
      expect([res.status, await res.text()]).toEqual([
        404,
        '<html><body><h2>404 Not found</h2></body></html>',
      ]);
    }
    expect((await t.sim.fetch(`${BASE}/api/v3/time`)).status).toBe(200);
  });

  it('checks the signature over the percent-encoded payload (non-ASCII signed raw → -1022)', async () => {
    const acct = await t.sim.createAccount({ exchange: 'binance' });
    const now = t.clock.now();
    const encoded = `symbol=${encodeURIComponent('１２３４５６')}&timestamp=${now}`;
    const send = (signed: string) =>
      t.send({
        url: `${BASE}/api/v3/account?${encoded}&signature=${hmacHex(acct.apiSecret, signed)}`,
        init: { headers: { 'X-MBX-APIKEY': acct.apiKey } },
      });
    expect((await send(encoded)).res.status).toBe(200);
    const raw = await send(`symbol=１２３４５６&timestamp=${now}`);
    expect([raw.res.status, raw.body.code]).toEqual([400, -1022]);
    // A form body can carry raw UTF-8: signed as sent it still fails, Binance signs the encoded string.
    const body = `validity=60000&label=１２&timestamp=${now}`;
    const form = await t.send({
      url: `${BASE}/sapi/v1/userListenToken`,
      init: {
        method: 'POST',
        headers: { 'X-MBX-APIKEY': acct.apiKey, 'content-type': 'application/x-www-form-urlencoded' },
        body: `${body}&signature=${hmacHex(acct.apiSecret, body)}`,
      },
    });
    expect([form.res.status, form.body.code]).toEqual([400, -1022]);
  });

  it('refuses a timestamp 10 s ahead (-1021, as anything 1 s ahead)', async () => {
    const acct = await t.sim.createAccount({ exchange: 'binance' });
    const ahead = await t.send(binanceGet(BASE, acct, '/api/v3/account', '', t.clock.now() + 10_000));
    expect(ahead.body).toEqual({
      code: -1021,
      msg: "Timestamp for this request was 1000ms ahead of the server's time.",
    });
  });

  it('answers spot time fields in microseconds with X-MBX-TIME-UNIT: MICROSECOND', async () => {
    const acct = await t.sim.createAccount({ exchange: 'binance' });
    const now = t.clock.now();
    const micro = { 'X-MBX-TIME-UNIT': 'MICROSECOND' };
    const time = (await (await t.sim.fetch(`${BASE}/api/v3/time`, { headers: micro })).json()) as Loose;
    expect(time.serverTime).toBe(now * 1000);
    const account = await t.send(binanceGet(BASE, acct, '/api/v3/account', '', now), micro);
    expect(account.body.updateTime).toBe(now * 1000);
    const milli = await t.send(binanceGet(BASE, acct, '/api/v3/account', '', now), {
      'X-MBX-TIME-UNIT': 'millisecond',
    });
    expect(milli.body.updateTime).toBe(now);
    const bad = await t.send(binanceGet(BASE, acct, '/api/v3/account', '', now), {
      'X-MBX-TIME-UNIT': 'SECOND',
    });
    expect([bad.res.status, bad.body.code]).toEqual([400, -1100]);
  });
});
