/**
 * ccxt (an independent client) against the simulator over real HTTP on loopback. ccxt's market loading is
 * skipped by presetting `markets = {}`; Bybit's unified-account probe is answered by options.
 */
import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedAccount } from '../src/accounts/account-store.ts';
import { type SimulatorServer, startSimulatorServer } from '../src/server.ts';

type Ex = InstanceType<typeof ccxt.Exchange>;

let server: SimulatorServer;
beforeAll(async () => {
  server = await startSimulatorServer({ port: 0 });
});
afterAll(() => server.close());

function prepare(ex: Ex, api: Record<string, string>): Ex {
  ex.urls.api = { ...(ex.urls.api as Record<string, string>), ...api };
  ex.markets = {} as Ex['markets'];
  return ex;
}

const binance = (a: CreatedAccount, secret = a.apiSecret) => {
  const root = `${server.url}/binance`;
  return prepare(new ccxt.binance({ apiKey: a.apiKey, secret, enableRateLimit: false }), {
    public: `${root}/api/v3`,
    private: `${root}/api/v3`,
    sapi: `${root}/sapi/v1`,
    fapiPublic: `${root}/fapi/v1`,
    fapiPrivate: `${root}/fapi/v1`,
    fapiPrivateV2: `${root}/fapi/v2`,
    fapiPrivateV3: `${root}/fapi/v3`,
  });
};
const bybit = (a: CreatedAccount, secret = a.apiSecret, url = server.url) =>
  prepare(
    new ccxt.bybit({
      apiKey: a.apiKey,
      secret,
      enableRateLimit: false,
      options: { enableUnifiedAccount: true, enableUnifiedMargin: false },
    }),
    { public: `${url}/bybit`, private: `${url}/bybit` },
  );
const okx = (a: CreatedAccount, secret = a.apiSecret, url = server.url) =>
  prepare(new ccxt.okx({ apiKey: a.apiKey, secret, password: a.passphrase, enableRateLimit: false }), {
    rest: `${url}/okx`,
  });
const bingx = (a: CreatedAccount, secret = a.apiSecret) => {
  const root = `${server.url}/bingx/openApi`;
  return prepare(new ccxt.bingx({ apiKey: a.apiKey, secret, enableRateLimit: false }), {
    spot: root,
    swap: root,
    account: root,
    user: root,
  });
};

describe('ccxt against the simulator', () => {
  it('fetches Binance spot and USD-M balances', async () => {
    const a = await server.simulator.createAccount({
      exchange: 'binance',
      balances: { spot: { USDT: 12 }, futures: { USDT: { free: 40, locked: 2 } } },
    });
    const spot = await binance(a).fetchBalance();
    expect(spot.USDT).toMatchObject({ free: 12, used: 0, total: 12 });
    const fut = await binance(a).fetchBalance({ type: 'future' });
    expect(fut.USDT?.total).toBe(42);
    expect(fut.USDT?.free).toBe(40);
  });

  it('fetches a Bybit unified balance', async () => {
    const a = await server.simulator.createAccount({
      exchange: 'bybit',
      balances: { unified: { USDT: 77 } },
    });
    const b = await bybit(a).fetchBalance();
    expect(b.USDT?.total).toBe(77);
  });

  it('fetches an OKX balance', async () => {
    const a = await server.simulator.createAccount({
      exchange: 'okx',
      balances: { unified: { USDT: 5, BTC: 1 } },
    });
    const b = await okx(a).fetchBalance();
    expect(b.BTC?.total).toBe(1);
    expect(b.USDT?.free).toBe(5);
  });

  it('fetches BingX swap and spot balances', async () => {
    const a = await server.simulator.createAccount({
      exchange: 'bingx',
      balances: { futures: { USDT: 31 }, spot: { USDT: 8, BTC: 0.5 } },
    });
    const swap = await bingx(a).fetchBalance({ type: 'swap' });
    expect(swap.USDT?.total).toBe(31);
    const spot = await bingx(a).fetchBalance({ type: 'spot' });
    expect(spot.BTC?.free).toBe(0.5);
  });

  it('raises AuthenticationError for a wrong secret on every exchange', async () => {
    const make = [
      ['binance', binance],
      ['bybit', bybit],
      ['okx', okx],
      ['bingx', bingx],
    ] as const;
    for (const [exchange, factory] of make) {
      const a = await server.simulator.createAccount({ exchange });
      await expect(factory(a, 'not-the-secret').fetchBalance(), exchange).rejects.toBeInstanceOf(
        ccxt.AuthenticationError,
      );
    }
  });

  it('raises RateLimitExceeded or DDoSProtection past the OKX, Bybit and Binance limits', async () => {
    // Per-minute limits, so the outcome does not depend on how fast a loaded machine sends: OKX and Bybit run
    // against a simulator with the seed's table (OKX 600/min, Bybit 120/min), Binance against the published
    // 6,000 weight/min (/api/v3/account weighs 20).
    const isLimitError = (e: unknown) =>
      e instanceof ccxt.RateLimitExceeded || e instanceof ccxt.DDoSProtection;
    const burst = async (ex: Ex, n: number, params = {}) => {
      const errors: unknown[] = [];
      for (let sent = 0; sent < n; sent += 50) {
        const round = Array.from({ length: Math.min(50, n - sent) }, () => ex.fetchBalance(params));
        for (const r of await Promise.allSettled(round)) if (r.status === 'rejected') errors.push(r.reason);
      }
      return errors;
    };
    const seed = await startSimulatorServer({ port: 0, profile: 'seed' });
    try {
      const o = await seed.simulator.createAccount({ exchange: 'okx' });
      const okxErrors = await burst(okx(o, o.apiSecret, seed.url), 610);
      expect(okxErrors.length).toBeGreaterThanOrEqual(10);
      expect(okxErrors.every(isLimitError)).toBe(true);
      const y = await seed.simulator.createAccount({ exchange: 'bybit' });
      const bybitErrors = await burst(bybit(y, y.apiSecret, seed.url), 130);
      expect(bybitErrors.length).toBeGreaterThanOrEqual(10);
      expect(bybitErrors.every(isLimitError)).toBe(true);
    } finally {
      await seed.close();
    }
    const b = await server.simulator.createAccount({ exchange: 'binance' });
    const bnErrors = await burst(binance(b), 301);
    expect(bnErrors.length).toBeGreaterThanOrEqual(1);
    expect(bnErrors.every(isLimitError)).toBe(true);
  });

  it('surfaces BingX 100410 as ccxt maps it (OperationFailed: ccxt reads 100410 as "system busy")', async () => {
    const x = await server.simulator.createAccount({ exchange: 'bingx' });
    const ex = bingx(x);
    for (let i = 0; i < 5; i++) await ex.fetchBalance({ type: 'swap' });
    const err = await ex.fetchBalance({ type: 'swap' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ccxt.OperationFailed);
    expect(String(err)).toContain('100410');
    expect(server.simulator.stats().bingx?.keys[x.id]?.rateLimitViolations).toBe(1);
  });
});
