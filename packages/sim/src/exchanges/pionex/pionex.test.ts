import { ManualClock } from '@cts/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Loose, pionexGet } from '../../../test/signers.ts';
import { createSimulator } from '../../app.ts';
import type { Simulator } from '../../simulator.ts';

const BASE = 'http://sim.local/pionex';
const SPOT = '/api/v1/account/balances';

describe('pionex', () => {
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

  it('serves spot and futures balances with a timestamp on every reply', async () => {
    const acct = await sim.createAccount({
      exchange: 'pionex',
      balances: { spot: { USDT: 3 }, futures: { USDT: 4 } },
    });
    const spot = await send(pionexGet(BASE, acct, SPOT, {}, clock.now()));
    expect(spot.body).toEqual({
      result: true,
      data: { balances: [{ coin: 'USDT', free: '3', frozen: '0' }] },
      timestamp: clock.now(),
    });
    const fut = await send(pionexGet(BASE, acct, '/uapi/v1/account/balances', {}, clock.now()));
    expect(fut.body.data.balances[0]).toEqual({ coin: 'USDT', free: '4', frozen: '0', debts: '0' });
    const err = await send(pionexGet(BASE, { ...acct, apiKey: 'x' }, SPOT, {}, clock.now()));
    expect(err.body.timestamp).toBe(clock.now());
  });

  it('signs sorted, unencoded query values (a value with a space and a comma)', async () => {
    const acct = await sim.createAccount({ exchange: 'pionex' });
    const r = await send(pionexGet(BASE, acct, SPOT, { zeta: 'a b,c', alpha: '1' }, clock.now()));
    expect(r.body.result).toBe(true);
  });

  it('answers APIKEY_LOST, INVALID_APIKEY, INVALID_SIGNATURE, INVALID_TIMESTAMP, IP_NOT_WHITELISTED, PERMISSION_DENIED', async () => {
    const acct = await sim.createAccount({ exchange: 'pionex', ipWhitelist: ['10.0.0.1'] });
    const ip = { 'x-forwarded-for': '10.0.0.1' };
    const now = clock.now();
    const code = async (s: ReturnType<typeof pionexGet>, extra = ip) => {
      const r = await send(s, extra);
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
    const noRead = await sim.createAccount({ exchange: 'pionex', permissions: { read: false } });
    expect(await code(pionexGet(BASE, noRead, SPOT, {}, now))).toEqual([401, 'PERMISSION_DENIED']);
  });

  it('bans for 60 s after 10 weight per second per account, +10 s per request during the ban', async () => {
    const acct = await sim.createAccount({ exchange: 'pionex' });
    // futures balances weigh 5: two fit in the account's 10 per second.
    for (let i = 0; i < 2; i++)
      expect(
        (await send(pionexGet(BASE, acct, '/uapi/v1/account/balances', {}, clock.now()))).res.status,
      ).toBe(200);
    const over = await send(pionexGet(BASE, acct, SPOT, {}, clock.now()));
    expect(over.res.status).toBe(429);
    expect(over.res.headers.get('retry-after')).toBe('60');
    const during = await send(pionexGet(BASE, acct, SPOT, {}, clock.now()));
    expect(during.res.headers.get('retry-after')).toBe('70');
    await clock.advance(65_000);
    expect((await send(pionexGet(BASE, acct, SPOT, {}, clock.now()))).res.status).toBe(429);
    await clock.advance(15_000);
    expect((await send(pionexGet(BASE, acct, SPOT, {}, clock.now()))).res.status).toBe(200);
  });
});
