import { describe, expect, it } from 'vitest';
import { bingxGet, type Loose } from '../../../test/signers.ts';
import { useSimulator } from '../../../test/sim-harness.ts';
import { hmacHex } from '../hmac.ts';

const BASE = 'http://sim.local/bingx';
const SWAP = '/openApi/swap/v3/user/balance';

describe('bingx', () => {
  const t = useSimulator();

  it('serves swap v3 and v2, spot, apiPermissions and server time', async () => {
    const acct = await t.sim.createAccount({
      exchange: 'bingx',
      balances: { futures: { USDT: 50 }, spot: { BTC: 2 } },
    });
    const swap = await t.send(bingxGet(BASE, acct, SWAP, '', t.clock.now()));
    expect(swap.body.code).toBe(0);
    expect(swap.body.data[0]).toMatchObject({ asset: 'USDT', balance: '50', availableMargin: '50' });
    expect(swap.res.headers.get('x-ratelimit-requests-remain')).toBe('4');
    const v2 = await t.send(bingxGet(BASE, acct, '/openApi/swap/v2/user/balance', '', t.clock.now()));
    expect(v2.body.data.balance.asset).toBe('USDT');
    const spot = await t.send(bingxGet(BASE, acct, '/openApi/spot/v1/account/balance', '', t.clock.now()));
    expect(spot.body.data.balances).toEqual([{ asset: 'BTC', free: '2', locked: '0' }]);
    const perms = await t.send(bingxGet(BASE, acct, '/openApi/v1/account/apiPermissions', '', t.clock.now()));
    expect(perms.body.data.permissions).toEqual([1, 2, 3]);
    const time = (await (await t.sim.fetch(`${BASE}/openApi/swap/v2/server/time`)).json()) as Loose;
    expect(time.data.serverTime).toBe(t.clock.now());
  });

  it('answers 100413, 100001, 100412, 100421, 100419 and 100004', async () => {
    const acct = await t.sim.createAccount({ exchange: 'bingx', ipWhitelist: ['10.0.0.1'] });
    const ip = { 'x-forwarded-for': '10.0.0.1' };
    const now = t.clock.now();
    const code = async (s: ReturnType<typeof bingxGet>, extra = ip) => (await t.send(s, extra)).body.code;
    expect(await code(bingxGet(BASE, { ...acct, apiKey: 'k' }, SWAP, '', now))).toBe(100413);
    expect(await code(bingxGet(BASE, { ...acct, apiSecret: 's' }, SWAP, '', now))).toBe(100001);
    const unsigned = bingxGet(BASE, acct, SWAP, '', now);
    expect(await code({ ...unsigned, url: unsigned.url.replace(/&signature=.*/, '') })).toBe(100412);
    expect(await code(bingxGet(BASE, acct, SWAP, '', now - 5001))).toBe(100421);
    expect(await code(bingxGet(BASE, acct, SWAP, 'recvWindow=5000', now - 4900))).toBe(0);
    expect(await code(bingxGet(BASE, acct, SWAP, '', now), { 'x-forwarded-for': '10.0.0.2' })).toBe(100419);
    const demo = await t.sim.createAccount({ exchange: 'bingx', environment: 'demo' });
    expect(await code(bingxGet(BASE, demo, SWAP, '', now))).toBe(100413);
    expect(await code(bingxGet('http://sim.local/bingx-demo', demo, SWAP, '', now))).toBe(0);
    const noRead = await t.sim.createAccount({ exchange: 'bingx', permissions: { read: false } });
    expect(await code(bingxGet(BASE, noRead, SWAP, '', now))).toBe(100004);
  });

  it('answers 429 / 100410 past 5 requests per second per UID per endpoint and restricts for 5 minutes', async () => {
    const acct = await t.sim.createAccount({ exchange: 'bingx' });
    for (let i = 0; i < 5; i++)
      expect((await t.send(bingxGet(BASE, acct, SWAP, '', t.clock.now()))).body.code).toBe(0);
    const over = await t.send(bingxGet(BASE, acct, SWAP, '', t.clock.now()));
    expect([over.res.status, over.body.code]).toEqual([429, 100410]);
    expect(over.res.headers.get('retry-after')).toBe('300');
    await t.clock.advance(299_000);
    expect((await t.send(bingxGet(BASE, acct, SWAP, '', t.clock.now()))).res.status).toBe(429);
    await t.clock.advance(1000);
    expect((await t.send(bingxGet(BASE, acct, SWAP, '', t.clock.now()))).body.code).toBe(0);
  });

  it('takes recvWindow up to 5000 only (80014 above: the 2026 guide)', async () => {
    const acct = await t.sim.createAccount({ exchange: 'bingx' });
    const now = t.clock.now();
    const over = await t.send(bingxGet(BASE, acct, SWAP, 'recvWindow=5001', now));
    expect(over.body).toMatchObject({ code: 80014, msg: 'recvWindow must be at most 5000' });
  });

  it('accepts a signature over the sorted, unencoded parameters whatever order they are sent in', async () => {
    const acct = await t.sim.createAccount({ exchange: 'bingx' });
    const now = t.clock.now();
    const sorted = `recvWindow=5000&timestamp=${now}`;
    const url = `${BASE}${SWAP}?timestamp=${now}&recvWindow=5000&signature=${hmacHex(acct.apiSecret, sorted)}`;
    const { body } = await t.send({ url, init: { headers: { 'X-BX-APIKEY': acct.apiKey } } });
    expect(body.code).toBe(0);
    const wrong = `${BASE}${SWAP}?timestamp=${now}&recvWindow=5000&signature=${hmacHex('nope', sorted)}`;
    expect((await t.send({ url: wrong, init: { headers: { 'X-BX-APIKEY': acct.apiKey } } })).body.code).toBe(
      100001,
    );
  });

  it('serves /openApi/swap/v1/server/time and the fallback host prefixes with the same accounts', async () => {
    const time = (await (await t.sim.fetch(`${BASE}/openApi/swap/v1/server/time`)).json()) as Loose;
    expect(time.data.serverTime).toBe(t.clock.now());
    const acct = await t.sim.createAccount({ exchange: 'bingx' });
    const fallback = await t.send(bingxGet(`${BASE}-fallback`, acct, SWAP, '', t.clock.now()));
    expect(fallback.body.code).toBe(0);
    const demo = await t.sim.createAccount({ exchange: 'bingx', environment: 'demo' });
    const vst = await t.send(bingxGet('http://sim.local/bingx-demo-fallback', demo, SWAP, '', t.clock.now()));
    expect(vst.body.code).toBe(0);
  });
});
