import { describe, expect, it } from 'vitest';
import { type Loose, okxGet } from '../../../test/signers.ts';
import { useSimulator } from '../../../test/sim-harness.ts';

const BASE = 'http://sim.local/okx';
const BALANCE = '/api/v5/account/balance';

describe('okx', () => {
  const t = useSimulator();

  it('serves balance (strings, ccy filter), config and public time', async () => {
    const acct = await t.sim.createAccount({ exchange: 'okx', balances: { unified: { USDT: 10, BTC: 1 } } });
    expect(acct.passphrase).toBeTruthy();
    const all = await t.send(okxGet(BASE, acct, BALANCE, '', t.clock.now()));
    expect(all.body.code).toBe('0');
    expect(all.body.data[0].totalEq).toBe('60010');
    const btc = await t.send(okxGet(BASE, acct, BALANCE, 'ccy=BTC', t.clock.now()));
    expect(btc.body.data[0].details.map((d: Loose) => [d.ccy, d.eq, d.availBal])).toEqual([
      ['BTC', '1', '1'],
    ]);
    const cfg = await t.send(okxGet(BASE, acct, '/api/v5/account/config', '', t.clock.now()));
    expect(cfg.body.data[0]).toMatchObject({ perm: 'read_only,trade', ip: '', uid: expect.any(String) });
    const time = (await (await t.sim.fetch(`${BASE}/api/v5/public/time`)).json()) as Loose;
    expect(time.data[0].ts).toBe(String(t.clock.now()));
  });

  it('routes demo keys by x-simulated-trading: 1 and answers 50101 across environments', async () => {
    const demo = await t.sim.createAccount({ exchange: 'okx', environment: 'demo' });
    const live = await t.sim.createAccount({ exchange: 'okx' });
    expect((await t.send(okxGet(BASE, demo, BALANCE, '', t.clock.now(), true))).body.code).toBe('0');
    const demoOnLive = await t.send(okxGet(BASE, demo, BALANCE, '', t.clock.now()));
    expect([demoOnLive.res.status, demoOnLive.body.code]).toEqual([401, '50101']);
    const liveOnDemo = await t.send(okxGet(BASE, live, BALANCE, '', t.clock.now(), true));
    expect(liveOnDemo.body.code).toBe('50101');
  });

  it('answers 50111, 50105, 50113, 50102/50112, 50110, 50120 and missing-header codes', async () => {
    const acct = await t.sim.createAccount({ exchange: 'okx', ipWhitelist: ['10.0.0.9'] });
    const ip = { 'x-forwarded-for': '10.0.0.9' };
    const now = t.clock.now();
    const code = async (s: ReturnType<typeof okxGet>, extra = ip) => {
      const r = await t.send(s, extra);
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
    const noRead = await t.sim.createAccount({ exchange: 'okx', permissions: { read: false } });
    expect(await code(okxGet(BASE, noRead, BALANCE, '', now))).toEqual([200, '50120']);
  });

  it('answers 429 / 50011 past 10 balance requests per 2 s per UID', async () => {
    const acct = await t.sim.createAccount({ exchange: 'okx' });
    for (let i = 0; i < 10; i++)
      expect((await t.send(okxGet(BASE, acct, BALANCE, '', t.clock.now()))).body.code).toBe('0');
    const over = await t.send(okxGet(BASE, acct, BALANCE, '', t.clock.now()));
    expect([over.res.status, over.body.code]).toEqual([429, '50011']);
    expect((await t.send(okxGet(BASE, acct, '/api/v5/account/config', '', t.clock.now()))).body.code).toBe(
      '0',
    );
    await t.clock.advance(2000);
    expect((await t.send(okxGet(BASE, acct, BALANCE, '', t.clock.now()))).body.code).toBe('0');
  });
});
