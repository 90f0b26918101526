import { describe, expect, it } from 'vitest';
import { pionexGet } from '../../../test/signers.ts';
import { useSimulator } from '../../../test/sim-harness.ts';

const BASE = 'http://sim.local/pionex';
const SPOT = '/api/v1/account/balances';

describe('pionex', () => {
  const t = useSimulator();

  it('serves spot and futures balances with a timestamp on every reply', async () => {
    const acct = await t.sim.createAccount({
      exchange: 'pionex',
      balances: { spot: { USDT: 3 }, futures: { USDT: 4 } },
    });
    const spot = await t.send(pionexGet(BASE, acct, SPOT, {}, t.clock.now()));
    expect(spot.body).toEqual({
      result: true,
      data: { balances: [{ coin: 'USDT', free: '3', frozen: '0' }] },
      timestamp: t.clock.now(),
    });
    const fut = await t.send(pionexGet(BASE, acct, '/uapi/v1/account/balances', {}, t.clock.now()));
    expect(fut.body.data.balances[0]).toEqual({ coin: 'USDT', free: '4', frozen: '0', debts: '0' });
    const err = await t.send(pionexGet(BASE, { ...acct, apiKey: 'x' }, SPOT, {}, t.clock.now()));
    expect(err.body.timestamp).toBe(t.clock.now());
  });

  it('signs sorted, unencoded query values (a value with a space and a comma)', async () => {
    const acct = await t.sim.createAccount({ exchange: 'pionex' });
    const r = await t.send(pionexGet(BASE, acct, SPOT, { zeta: 'a b,c', alpha: '1' }, t.clock.now()));
    expect(r.body.result).toBe(true);
  });

  it('answers APIKEY_LOST, INVALID_APIKEY, INVALID_SIGNATURE, INVALID_TIMESTAMP, IP_NOT_WHITELISTED, PERMISSION_DENIED', async () => {
    const acct = await t.sim.createAccount({ exchange: 'pionex', ipWhitelist: ['10.0.0.1'] });
    const ip = { 'x-forwarded-for': '10.0.0.1' };
    const now = t.clock.now();
    const code = async (s: ReturnType<typeof pionexGet>, extra = ip) => {
      const r = await t.send(s, extra);
      return [r.res.status, r.body.code];
    };
    const noKey = pionexGet(BASE, acct, SPOT, {}, now);
    delete noKey.init.headers['PIONEX-KEY'];
    expect(await code(noKey)).toEqual([401, 'APIKEY_LOST']);
    expect(await code(pionexGet(BASE, { ...acct, apiKey: 'k' }, SPOT, {}, now))).toEqual([
      401,
      'INVALID_APIKEY',
    ]);
    expect(await code(pionexGet(BASE, { ...acct, apiSecret: 's' }, SPOT, {}, now))).toEqual([
      401,
      'INVALID_SIGNATURE',
    ]);
    expect(await code(pionexGet(BASE, acct, SPOT, {}, now - 20_001))).toEqual([400, 'INVALID_TIMESTAMP']);
    expect(await code(pionexGet(BASE, acct, SPOT, {}, now + 20_000))).toEqual([200, undefined]);
    expect(await code(pionexGet(BASE, acct, SPOT, {}, now), { 'x-forwarded-for': '9.9.9.9' })).toEqual([
      401,
      'IP_NOT_WHITELISTED',
    ]);
    const noRead = await t.sim.createAccount({ exchange: 'pionex', permissions: { read: false } });
    expect(await code(pionexGet(BASE, noRead, SPOT, {}, now))).toEqual([401, 'PERMISSION_DENIED']);
  });

  it('bans for 60 s after 10 weight per second per account, +10 s per request during the ban', async () => {
    const acct = await t.sim.createAccount({ exchange: 'pionex' });
    // futures balances weigh 5: two fit in the account's 10 per second.
    for (let i = 0; i < 2; i++)
      expect(
        (await t.send(pionexGet(BASE, acct, '/uapi/v1/account/balances', {}, t.clock.now()))).res.status,
      ).toBe(200);
    const over = await t.send(pionexGet(BASE, acct, SPOT, {}, t.clock.now()));
    expect(over.res.status).toBe(429);
    expect(over.res.headers.get('retry-after')).toBe('60');
    const during = await t.send(pionexGet(BASE, acct, SPOT, {}, t.clock.now()));
    expect(during.res.headers.get('retry-after')).toBe('70');
    await t.clock.advance(65_000);
    expect((await t.send(pionexGet(BASE, acct, SPOT, {}, t.clock.now()))).res.status).toBe(429);
    await t.clock.advance(15_000);
    expect((await t.send(pionexGet(BASE, acct, SPOT, {}, t.clock.now()))).res.status).toBe(200);
  });
});
