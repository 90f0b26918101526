import { seedRules } from '../limiter/rules/seed-rules.ts';
import type { ExchangeDescriptor } from './descriptor.ts';

/**
 * Bybit V5 (reference §1; 2026 §5). Regional entities serve mainnet from their own hosts (§1.1); their private
 * stream hosts are not documented (UNCONFIRMED), so `websocket` is offered on `global` only. Japan has a testnet.
 */
export const bybit: ExchangeDescriptor = {
  id: 'bybit',
  name: 'Bybit',
  apiTypes: ['rest', 'websocket', 'unified', 'perpetual_futures', 'spot', 'margin'],
  keyTypes: ['hmac', 'rsa'],
  passphrase: false,
  environments: {
    mainnet: {
      global: { rest: { default: 'https://api.bybit.com' }, ws: { default: 'wss://stream.bybit.com' } },
      nl: { rest: { default: 'https://api.bybit.nl' } },
      tr: { rest: { default: 'https://api.bybit.tr' } },
      kz: { rest: { default: 'https://api.bybit.kz' } },
      ge: { rest: { default: 'https://api.bybitgeorgia.ge' } },
      ae: { rest: { default: 'https://api.bybit.ae' } },
      eu: { rest: { default: 'https://api.bybit.eu' } },
      id: { rest: { default: 'https://api.bybit.id' } },
      jp: { rest: { default: 'https://api.manepa.jp' } },
    },
    testnet: {
      global: {
        rest: { default: 'https://api-testnet.bybit.com' },
        ws: { default: 'wss://stream-testnet.bybit.com' },
      },
      jp: { rest: { default: 'https://api-testnet.manepa.jp' } },
    },
    demo: {
      global: {
        rest: { default: 'https://api-demo.bybit.com' },
        ws: { default: 'wss://stream-demo.bybit.com' },
      },
    },
  },
  limits: {
    // 600 requests / 5 s per IP; per-UID per-endpoint limits per second (X-Bapi-Limit-* headers report those).
    published: {
      buckets: {
        ip: { per: 'ip', windows: [{ windowMs: 5000, limit: 600 }] },
        walletBalance: { per: 'account', windows: [{ windowMs: 1000, limit: 50 }], feedback: 'endpoint' },
        accountInfo: { per: 'account', windows: [{ windowMs: 1000, limit: 50 }], feedback: 'endpoint' },
        queryApi: { per: 'account', windows: [{ windowMs: 1000, limit: 10 }], feedback: 'endpoint' },
        fundBalance: { per: 'account', windows: [{ windowMs: 1000, limit: 5 }], feedback: 'endpoint' },
        spotMarginState: { per: 'account', windows: [{ windowMs: 1000, limit: 50 }], feedback: 'endpoint' },
      },
      routes: { '': { ip: 1 } },
      endpoints: {
        'GET /v5/account/wallet-balance': { walletBalance: 1 },
        'GET /v5/account/info': { accountInfo: 1 },
        'GET /v5/user/query-api': { queryApi: 1 },
        'GET /v5/asset/transfer/query-account-coins-balance': { fundBalance: 1 },
        'GET /v5/spot-margin-trade/state': { spotMarginState: 1 },
      },
      // retCode 10006 is per UID; HTTP 403 "access too frequent" is the IP ban.
      throttleScope: 'account',
      banScope: 'ip',
    },
    seed: seedRules(10, 120, 5, { endpoints: ['GET /v5/market/time'] }),
  },
};
