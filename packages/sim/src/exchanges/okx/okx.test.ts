import { ManualClock } from '@cts/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Loose, okxGet } from '../../../test/signers.ts';
import { createSimulator } from '../../app.ts';
import type { Simulator } from '../../simulator.ts';

const BASE = 'http://sim.local/okx';
const BALANCE = '/api/v5/account/balance';

describe('okx', () => {
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

  it('serves balance (strings, ccy filter), config and public time', async () => {
    const acct = await sim.createAccount({ exchange: 'okx', balances: { unified: { USDT: 10, BTC: 1 } } });
    expect(acct.passphrase).toBeTruthy();
    const all = await send(okxGet(BASE, acct, BALANCE, '', clock.now()));
    expect(all.body.code).toBe('0');
    expect(all.body.data[0].totalEq).toBe('60010');
    const btc = await send(okxGet(BASE, acct, BALANCE, 'ccy=BTC', clock.now()));
    expect(btc.body.data[0].details.map((d: Loose) => [d.ccy, d.eq, d.availBal])).toEqual([
      ['BTC', '1', '1'],
    ]);
    const cfg = await send(okxGet(BASE, acct, '/api/v5/account/config', '', clock.now()));
    expect(cfg.body.data[0]).toMatchObject({ perm: 'read_only,trade', ip: '', uid: expect.any(String) });
    const time = (await (await sim.fetch(`${BASE}/api/v5/public/time`)).json()) as Loose;
    expect(time.data[0].ts).toBe(String(clock.now()));
  });

  it('routes demo keys by x-simulated-trading: 1 and answers 50101 across environments', async () => {
    const demo = await sim.createAccount({ exchange: 'okx', environment: 'demo' });
    const live = await sim.createAccount({ exchange: 'okx' });
    expect((await send(okxGet(BASE, demo, BALANCE, '', clock.now(), true))).body.code).toBe('0');
    const demoOnLive = await send(okxGet(BASE, demo, BALANCE, '', clock.now()));
    expect([demoOnLive.res.status, demoOnLive.body.code]).toEqual([401, '50101']);
    const liveOnDemo = await send(okxGet(BASE, live, BALANCE, '', clock.now(), true));
    expect(liveOnDemo.body.code).toBe('50101');
  });

  it('answers 50111, 50105, 50113, 50102/50112, 50110, 50120 and missing-header codes', async () => {
    const acct = await sim.createAccount({ exchange: 'okx', ipWhitelist: ['10.0.0.9'] });
    const ip = { 'x-forwarded-for': '10.0.0.9' };
    const now = clock.now();
    const code = async (s: ReturnType<typeof okxGet>, extra = ip) => {
      const r = await send(s, extra);
      return [r.res.status, r.body.code];
    };
    expect(await code(okxGet(BASE, { ...acct, apiKey: 'x' }, BALANCE, '', now))).toEqual([401, '50111']);
    expect(await code(okxGet(BASE, { ...acct, passphrase: 'wrong' }, BALANCE, '', now))).toEqual([
      401,
      '50105',
    ]);
    expect(await code(okxGet(BASE, { ...acct, apiSecret: 'wrong' }, BALANCE, '', now))).toEqual([
      401,
      '50113',
    ]);
    expect(await code(okxGet(BASE, acct, BALANCE, '', now - 30_001))).toEqual([401, '50102']);
    expect(await code(okxGet(BASE, acct, BALANCE, '', now + 30_001))).toEqual([401, '50102']);
    expect(await code(okxGet(BASE, acct, BALANCE, '', now + 29_000))).toEqual([200, '0']);
    const badTs = okxGet(BASE, acct, BALANCE, '', now);
    badTs.init.headers['OK-ACCESS-TIMESTAMP'] = String(now);
    expect(await code(badTs)).toEqual([401, '50112']);
    const noPass = okxGet(BASE, acct, BALANCE, '', now);
    delete noPass.init.headers['OK-ACCESS-PASSPHRASE'];
    expect(await code(noPass)).toEqual([401, '50104']);
    expect(await code(okxGet(BASE, acct, BALANCE, '', now), { 'x-forwarded-for': '10.0.0.8' })).toEqual([
      401,
      '50110',
    ]);
    const noRead = await sim.createAccount({ exchange: 'okx', permissions: { read: false } });
    expect(await code(okxGet(BASE, noRead, BALANCE, '', now))).toEqual([200, '50120']);
  });

  it('answers 429 / 50011 past 10 balance requests per 2 s per UID', async () => {
    const acct = await sim.createAccount({ exchange: 'okx' });
    for (let i = 0; i < 10; i++)
      expect((await send(okxGet(BASE, acct, BALANCE, '', clock.now()))).body.code).toBe('0');
    const over = await send(okxGet(BASE, acct, BALANCE, '', clock.now()));
    expect([over.res.status, over.body.code]).toEqual([429, '50011']);
    expect((await send(okxGet(BASE, acct, '/api/v5/account/config', '', clock.now()))).body.code).toBe('0');
    await clock.advance(2000);
    expect((await send(okxGet(BASE, acct, BALANCE, '', clock.now()))).body.code).toBe('0');
  });
});
