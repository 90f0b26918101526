import { describe, expect, it } from 'vitest';
import { bybitGet, type Loose } from '../../../test/signers.ts';
import { useSimulator } from '../../../test/sim-harness.ts';

const BASE = 'http://sim.local/bybit';
const WALLET = '/v5/account/wallet-balance';

describe('bybit', () => {
  const t = useSimulator();

  it('serves the unified wallet balance with USD string totals and usage headers', async () => {
    const acct = await t.sim.createAccount({
      exchange: 'bybit',
      balances: { unified: { USDT: 100, BTC: 0.5 } },
    });
    const { res, body } = await t.send(bybitGet(BASE, acct, WALLET, 'accountType=UNIFIED', t.clock.now()));
    expect(res.status).toBe(200);
    expect(body.retCode).toBe(0);
    const account = body.result.list[0];
    expect(account.accountType).toBe('UNIFIED');
    expect(account.totalEquity).toBe('30100');
    expect(account.coin.map((c: Loose) => c.coin)).toEqual(['USDT', 'BTC']);
    expect(account.coin[1].walletBalance).toBe('0.5');
    expect(res.headers.get('x-bapi-limit')).toBe('50');
    expect(res.headers.get('x-bapi-limit-status')).toBe('49');
    expect(Number(res.headers.get('x-bapi-limit-reset-timestamp'))).toBe(t.clock.now() + 1000);
  });

  it('serves server time in seconds and nanoseconds', async () => {
    const res = await t.sim.fetch(`${BASE}/v5/market/time`);
    const body = (await res.json()) as Loose;
    expect(body.result.timeSecond).toBe(String(Math.floor(t.clock.now() / 1000)));
    expect(body.result.timeNano).toBe(`${t.clock.now()}000000`);
    expect(body.time).toBe(t.clock.now());
  });

  it('reports permissions and the unified flag from query-api', async () => {
    const acct = await t.sim.createAccount({
      exchange: 'bybit',
      permissions: { trade: false },
      ipWhitelist: ['127.0.0.1'],
    });
    const { body } = await t.send(bybitGet(BASE, acct, '/v5/user/query-api', '', t.clock.now()));
    expect(body.result.readOnly).toBe(1);
    expect(body.result.ips).toEqual(['127.0.0.1']);
    expect(body.result.uta).toBe(1);
  });

  it('stops an unbound key 90 days after creation and reports expiredAt, deadlineDay and createdAt', async () => {
    const DAY = 86_400_000;
    const created = t.clock.now() - 85 * DAY;
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'); // Bybit sends no ms
    const acct = await t.sim.createAccount({ exchange: 'bybit', createdAt: created });
    const { body } = await t.send(bybitGet(BASE, acct, '/v5/user/query-api', '', t.clock.now()));
    expect(body.result).toMatchObject({
      ips: ['*'],
      createdAt: iso(created),
      expiredAt: iso(created + 90 * DAY),
      deadlineDay: 5,
    });
    expect(body.result.permissions.FiatBitPay).toEqual([]);
    const bound = await t.sim.createAccount({
      exchange: 'bybit',
      createdAt: created,
      ipWhitelist: ['127.0.0.1'],
    });
    const b = await t.send(bybitGet(BASE, bound, '/v5/user/query-api', '', t.clock.now()));
    expect([b.body.result.expiredAt, b.body.result.deadlineDay]).toEqual(['', -1]);
    await t.clock.advance(5 * DAY);
    const stopped = await t.send(bybitGet(BASE, acct, WALLET, 'accountType=UNIFIED', t.clock.now()));
    expect(stopped.body.retCode).not.toBe(0);
    expect(t.sim.stats().bybit?.keys[acct.id]?.rejections.key_expired).toBe(1);
    const still = await t.send(bybitGet(BASE, bound, WALLET, 'accountType=UNIFIED', t.clock.now()));
    expect(still.body.retCode).toBe(0);
  });

  it('accepts RSA-signed requests from a self-generated key', async () => {
    const acct = await t.sim.createAccount({ exchange: 'bybit', keyType: 'rsa' });
    expect(acct.apiSecret).toContain('BEGIN PRIVATE KEY');
    const { body } = await t.send(
      bybitGet(BASE, { ...acct, keyType: 'rsa' }, WALLET, 'accountType=UNIFIED', t.clock.now()),
    );
    expect(body.retCode).toBe(0);
  });

  it('answers 401 / 10003 for an unknown key and for a key of another environment', async () => {
    const acct = await t.sim.createAccount({ exchange: 'bybit' });
    const bad = await t.send(
      bybitGet(BASE, { ...acct, apiKey: 'nope' }, WALLET, 'accountType=UNIFIED', t.clock.now()),
    );
    expect([bad.res.status, bad.body.retCode]).toEqual([401, 10003]);
    const env = await t.send(
      bybitGet('http://sim.local/bybit-testnet', acct, WALLET, 'accountType=UNIFIED', t.clock.now()),
    );
    expect([env.res.status, env.body.retCode]).toEqual([401, 10003]);
    expect(t.sim.stats().bybit?.keys[acct.id]?.rejections.wrong_environment).toBe(1);
    expect(t.sim.stats().bybit?.keys.unknown?.rejections.bad_key).toBe(1);
  });

  it('answers 10004 for a wrong secret and for a tampered query', async () => {
    const acct = await t.sim.createAccount({ exchange: 'bybit' });
    const wrong = await t.send(
      bybitGet(BASE, { ...acct, apiSecret: 'x' }, WALLET, 'accountType=UNIFIED', t.clock.now()),
    );
    expect(wrong.body.retCode).toBe(10004);
    const signed = bybitGet(BASE, acct, WALLET, 'accountType=UNIFIED', t.clock.now());
    const tampered = await t.send({ ...signed, url: `${signed.url}&coin=BTC` });
    expect(tampered.body.retCode).toBe(10004);
  });

  it('answers 10002 outside server_time - recv_window <= ts < server_time + 1000', async () => {
    const acct = await t.sim.createAccount({ exchange: 'bybit' });
    const now = t.clock.now();
    const late = await t.send(bybitGet(BASE, acct, WALLET, 'accountType=UNIFIED', now - 5001));
    expect(late.body.retCode).toBe(10002);
    const edge = await t.send(bybitGet(BASE, acct, WALLET, 'accountType=UNIFIED', now - 5000));
    expect(edge.body.retCode).toBe(0);
    const ahead = await t.send(bybitGet(BASE, acct, WALLET, 'accountType=UNIFIED', now + 1000));
    expect(ahead.body.retCode).toBe(10002);
    const wide = await t.send(bybitGet(BASE, acct, WALLET, 'accountType=UNIFIED', now - 9000, '10000'));
    expect(wide.body.retCode).toBe(0);
  });

  it('answers 10010 from an IP outside the whitelist and 10005 without read permission', async () => {
    const acct = await t.sim.createAccount({ exchange: 'bybit', ipWhitelist: ['10.0.0.1'] });
    const other = await t.send(bybitGet(BASE, acct, WALLET, 'accountType=UNIFIED', t.clock.now()), {
      'x-forwarded-for': '10.0.0.2',
    });
    expect(other.body.retCode).toBe(10010);
    const listed = await t.send(bybitGet(BASE, acct, WALLET, 'accountType=UNIFIED', t.clock.now()), {
      'x-forwarded-for': '10.0.0.1',
    });
    expect(listed.body.retCode).toBe(0);
    const noRead = await t.sim.createAccount({ exchange: 'bybit', permissions: { read: false } });
    const denied = await t.send(bybitGet(BASE, noRead, WALLET, 'accountType=UNIFIED', t.clock.now()));
    expect(denied.body.retCode).toBe(10005);
  });

  it('answers 33004 once the key has expired', async () => {
    const acct = await t.sim.createAccount({ exchange: 'bybit', expiresAt: t.clock.now() + 1000 });
    expect(
      (await t.send(bybitGet(BASE, acct, WALLET, 'accountType=UNIFIED', t.clock.now()))).body.retCode,
    ).toBe(0);
    await t.clock.advance(1000);
    expect(
      (await t.send(bybitGet(BASE, acct, WALLET, 'accountType=UNIFIED', t.clock.now()))).body.retCode,
    ).toBe(33004);
  });

  it('answers 10006 past 50 wallet-balance requests per UID per second, and recovers a second later', async () => {
    const acct = await t.sim.createAccount({ exchange: 'bybit' });
    const codes: number[] = [];
    for (let i = 0; i < 51; i++)
      codes.push(
        (await t.send(bybitGet(BASE, acct, WALLET, 'accountType=UNIFIED', t.clock.now()))).body.retCode,
      );
    expect(codes.filter((c) => c === 0)).toHaveLength(50);
    expect(codes[50]).toBe(10006);
    expect(t.sim.stats().bybit?.keys[acct.id]?.rateLimitViolations).toBe(1);
    await t.clock.advance(1000);
    expect(
      (await t.send(bybitGet(BASE, acct, WALLET, 'accountType=UNIFIED', t.clock.now()))).body.retCode,
    ).toBe(0);
  });

  it('answers HTTP 403 past 600 requests per 5 s per IP and keeps the IP out for 10 minutes', async () => {
    for (let i = 0; i < 600; i++) expect((await t.sim.fetch(`${BASE}/v5/market/time`)).status).toBe(200);
    const over = await t.sim.fetch(`${BASE}/v5/market/time`);
    expect(over.status).toBe(403);
    expect(Number(over.headers.get('retry-after'))).toBe(600);
    await t.clock.advance(5000);
    expect((await t.sim.fetch(`${BASE}/v5/market/time`)).status).toBe(403);
    await t.clock.advance(600_000);
    expect((await t.sim.fetch(`${BASE}/v5/market/time`)).status).toBe(200);
  });
});
