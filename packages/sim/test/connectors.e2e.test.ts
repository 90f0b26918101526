/**
 * The core connectors against the simulator over real HTTP on loopback: every exchange × API type of the
 * seed's matrix passes testConnection(), and each failure mode maps to our error code and its hint.
 */
import { createConnector } from '@cts/core/connectors';
import type { ErrorCode } from '@cts/core/errors';
import {
  API_TYPE_MATRIX,
  type ApiType,
  type Environment,
  EXCHANGES,
  type ExchangeId,
  testEnvironmentOf,
} from '@cts/core/exchanges';
import { RateLimiter } from '@cts/core/limiter';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountInput } from '../src/accounts/account-input.ts';
import type { CreatedAccount } from '../src/accounts/account-store.ts';
import { type SimulatorServer, startSimulatorServer } from '../src/server.ts';

let server: SimulatorServer;
beforeAll(async () => {
  server = await startSimulatorServer({ port: 0 });
});
afterAll(() => server.close());
// Every test starts with fresh windows, bans and no faults: all requests share 127.0.0.1 and its IP limits.
beforeEach(() => server.simulator.reset({ keepAccounts: true }));

const connect = (
  a: CreatedAccount,
  apiType: ApiType,
  over: { environment?: Environment; apiKey?: string; apiSecret?: string; unlimited?: boolean } = {},
) =>
  createConnector({
    exchange: a.exchange,
    apiType,
    environment: over.environment ?? a.environment,
    credentials: {
      apiKey: over.apiKey ?? a.apiKey,
      apiSecret: over.apiSecret ?? a.apiSecret,
      passphrase: a.passphrase,
      keyType: a.keyType,
    },
    baseUrl: server.url,
    maxRetries: 0,
    timeoutMs: 5000,
    // Behind core's limiter with the published rules, as in production (Pionex futures needs 13 weight in a
    // second for a connection test: the limiter spaces it); without it for the rate-limit test.
    ...(over.unlimited ? {} : { limiter: new RateLimiter({ profile: 'published' }) }),
  });

const account = (exchange: ExchangeId, input: Partial<AccountInput> = {}) =>
  server.simulator.createAccount({ exchange, ...input } as AccountInput);

/** The first API type each exchange supports, for the failure-mode tests. */
const first = (exchange: ExchangeId) => API_TYPE_MATRIX[exchange][0]!;

async function failure(make: () => Promise<ReturnType<typeof connect>>) {
  const result = await (await make()).testConnection();
  expect(result.success, JSON.stringify(result.log)).toBe(false);
  return result.error!;
}

describe('connectors against the simulator', () => {
  for (const exchange of EXCHANGES)
    for (const apiType of API_TYPE_MATRIX[exchange])
      it(`${exchange} ${apiType}: testConnection succeeds`, async () => {
        const a = await account(exchange, { ipWhitelist: ['127.0.0.1'] });
        const result = await connect(a, apiType).testConnection();
        expect(result.error, JSON.stringify(result.log)).toBeUndefined();
        expect(result.success).toBe(true);
        // A websocket test may pass on the stream alone (balance pushes arrive only on changes).
        if (apiType !== 'websocket' || result.balance)
          expect(result.balance?.assets.length).toBeGreaterThan(0);
      });

  for (const exchange of EXCHANGES) {
    const env = testEnvironmentOf(exchange);
    if (!env) continue;
    it(`${exchange} ${env}: testConnection succeeds on the ${env} prefix`, async () => {
      const a = await account(exchange, { environment: env });
      expect((await connect(a, first(exchange)).testConnection()).success).toBe(true);
    });
  }

  /**
   * What each failure mode maps to. Where the exchange answers several failures with one code and one message
   * (Binance -2015, Bybit/BingX "invalid key" for another environment's key) the connector cannot tell them apart.
   */
  const EXPECTED: Record<ExchangeId, Record<string, ErrorCode | null>> = {
    bybit: {
      key: 'auth.invalid_key',
      secret: 'auth.invalid_signature',
      ip: 'auth.ip_not_allowed',
      perm: 'auth.permission',
      skew: 'auth.timestamp',
      env: 'auth.invalid_key',
    },
    binance: {
      key: 'auth.failed',
      secret: 'auth.invalid_signature',
      ip: 'auth.failed',
      perm: 'auth.failed',
      skew: 'auth.timestamp',
      env: 'auth.failed',
    },
    okx: {
      key: 'auth.invalid_key',
      secret: 'auth.invalid_signature',
      ip: 'auth.ip_not_allowed',
      perm: 'auth.permission',
      skew: 'auth.timestamp',
      env: 'auth.wrong_environment',
    },
    bingx: {
      key: 'auth.invalid_key',
      secret: 'auth.invalid_signature',
      ip: 'auth.ip_not_allowed',
      perm: 'auth.permission',
      skew: 'auth.timestamp',
      env: 'auth.invalid_key',
    },
    // Pionex's only clock is the signed reply's timestamp, so skew is corrected, not refused; no other environment.
    pionex: {
      key: 'auth.invalid_key',
      secret: 'auth.invalid_signature',
      ip: 'auth.ip_not_allowed',
      perm: 'auth.permission',
      skew: null,
      env: null,
    },
    // OrangeX answers 10000 to every credential problem; its message names which (the simulator's
    // "Authentication Failure: <why>"), and the connectors' one mapper (orangex/errors.ts) refines the code from it.
    orangex: {
      key: 'auth.invalid_key',
      secret: 'auth.invalid_signature',
      ip: 'auth.ip_not_allowed',
      perm: 'auth.permission',
      skew: 'auth.timestamp',
      env: null,
    },
  };

  describe.each(EXCHANGES.map((e) => [e]))('%s failure modes', (exchange) => {
    const apiType = first(exchange);
    const want = EXPECTED[exchange];
    const check = async (mode: string, make: () => Promise<ReturnType<typeof connect>>) => {
      const code = want[mode];
      if (!code) return;
      const err = await failure(make);
      expect(err.code).toBe(code);
      expect(err.hint.length).toBeGreaterThan(20);
    };

    it('maps an unknown key', async () => {
      const a = await account(exchange);
      await check('key', async () => connect(a, apiType, { apiKey: `${a.apiKey.slice(0, -2)}zz` }));
    });

    it('maps a wrong secret', async () => {
      const a = await account(exchange);
      await check('secret', async () => connect(a, apiType, { apiSecret: 'not-the-secret' }));
    });

    it('maps an IP outside the whitelist', async () => {
      const a = await account(exchange, { ipWhitelist: ['10.9.9.9'] });
      await check('ip', async () => connect(a, apiType));
    });

    it('maps a key without read permission', async () => {
      const a = await account(exchange, { permissions: { read: false } });
      await check('perm', async () => connect(a, apiType));
    });

    it('maps a clock the exchange disagrees with (skew on signed calls only)', async () => {
      const a = await account(exchange);
      server.simulator.setFaults({ faults: [{ kind: 'skew', keyId: a.id, ms: 120_000 }] });
      await check('skew', async () => connect(a, apiType));
    });

    it('maps a key of another environment', async () => {
      const env = testEnvironmentOf(exchange);
      if (!env) return;
      const a = await account(exchange, { environment: env });
      await check('env', async () => connect(a, apiType, { environment: 'mainnet' }));
    });

    it('maps the exchange rate limit to rate_limited', async () => {
      const a = await account(exchange);
      const c = connect(a, apiType, { unlimited: true });
      let error: unknown;
      for (let i = 0; i < 400 && !error; i++)
        error = await c.getBalance().then(
          () => undefined,
          (e: unknown) => e,
        );
      expect((error as { code?: string }).code).toMatch(/^(rate_limited|banned)$/);
      expect(server.simulator.stats()[exchange]?.keys[a.id]?.rateLimitViolations).toBeGreaterThan(0);
    });
  });
});
