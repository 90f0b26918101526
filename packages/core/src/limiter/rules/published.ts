import type { ExchangeId } from '../../exchanges/catalog.ts';
import type { ExchangeRules } from './types.ts';

/**
 * The exchanges' published limits and endpoint weights, from ../shared/reference/exchanges.md
 * (sections 1.5, 2.3/2.5, 3.3/3.5, 4.3/4.5, 5.3/5.5, 6.4). Endpoints not listed cost 1 in their route's buckets.
 */
export const PUBLISHED_RULES: Record<ExchangeId, ExchangeRules> = {
  // 600 requests / 5 s per IP; per-UID per-endpoint limits per second (X-Bapi-Limit-* headers report those).
  bybit: {
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
  // Spot /api: 6,000 weight / min / IP; USDⓈ-M /fapi: 2,400 / min; SAPI: 12,000 / min / IP per endpoint.
  binance: {
    buckets: {
      ip: { per: 'ip', windows: [{ windowMs: 60_000, limit: 6000 }] },
      fapiIp: { per: 'ip', windows: [{ windowMs: 60_000, limit: 2400 }] },
      sapiIp: {
        per: 'ip',
        windows: [{ windowMs: 60_000, limit: 12_000 }],
        perEndpoint: true,
        feedback: 'ip',
      },
    },
    routes: { '': { ip: 1 }, '/fapi/': { fapiIp: 1 }, '/sapi/': { sapiIp: 1 } },
    endpoints: {
      'GET /api/v3/account': { ip: 20 },
      'GET /api/v3/time': { ip: 1 },
      'GET /fapi/v3/balance': { fapiIp: 5 },
      'GET /fapi/v3/account': { fapiIp: 5 },
      'GET /fapi/v2/balance': { fapiIp: 5 },
      'GET /fapi/v2/account': { fapiIp: 5 },
      'GET /fapi/v1/time': { fapiIp: 1 },
      'GET /sapi/v1/margin/account': { sapiIp: 10 },
      'GET /sapi/v1/margin/isolated/account': { sapiIp: 10 },
      'GET /sapi/v1/asset/wallet/balance': { sapiIp: 60 },
      'GET /sapi/v1/account/apiRestrictions': { sapiIp: 1 },
    },
    throttleScope: 'ip',
    banScope: 'ip',
  },
  // Private limits per User ID and endpoint; public per IP. No general limit is published.
  okx: {
    buckets: {
      balance: { per: 'account', windows: [{ windowMs: 2000, limit: 10 }], feedback: 'endpoint' },
      config: { per: 'account', windows: [{ windowMs: 2000, limit: 5 }], feedback: 'endpoint' },
      fundBalance: { per: 'account', windows: [{ windowMs: 1000, limit: 6 }], feedback: 'endpoint' },
      publicTime: { per: 'ip', windows: [{ windowMs: 2000, limit: 10 }] },
    },
    routes: {},
    endpoints: {
      'GET /api/v5/account/balance': { balance: 1 },
      'GET /api/v5/account/config': { config: 1 },
      'GET /api/v5/asset/balances': { fundBalance: 1 },
      'GET /api/v5/public/time': { publicTime: 1 },
    },
    throttleScope: 'account',
    banScope: 'account',
  },
  // Per-UID per-endpoint limits (balances 5/s); per IP: market group 500/10 s and 1,000/min, account groups
  // 2,000/10 s in total and 300/10 s per endpoint.
  bingx: {
    buckets: {
      ipMarket: {
        per: 'ip',
        windows: [
          { windowMs: 10_000, limit: 500 },
          { windowMs: 60_000, limit: 1000 },
        ],
      },
      ipAccount: { per: 'ip', windows: [{ windowMs: 10_000, limit: 2000 }] },
      ipEndpoint: { per: 'ip', windows: [{ windowMs: 10_000, limit: 300 }], perEndpoint: true },
      uidEndpoint: {
        per: 'account',
        windows: [{ windowMs: 1000, limit: 5 }],
        perEndpoint: true,
        feedback: 'endpoint',
      },
      fundBalance: { per: 'account', windows: [{ windowMs: 1000, limit: 10 }], feedback: 'endpoint' },
    },
    routes: { '': { ipAccount: 1, ipEndpoint: 1 } },
    endpoints: {
      'GET /openApi/swap/v3/user/balance': { uidEndpoint: 1 },
      'GET /openApi/swap/v2/user/balance': { uidEndpoint: 1 },
      'GET /openApi/spot/v1/account/balance': { uidEndpoint: 1 },
      'GET /openApi/v1/account/apiPermissions': { uidEndpoint: 1 },
      'GET /openApi/account/v1/uid': { uidEndpoint: 1 },
      'GET /openApi/account/v1/allAccountBalance': { uidEndpoint: 1 },
      'GET /openApi/fund/v1/account/balance': { fundBalance: 1 },
      'GET /openApi/swap/v2/server/time': { ipMarket: 1, ipAccount: 0, ipEndpoint: 0 },
    },
    throttleScope: 'account',
    banScope: 'ip',
  },
  // All endpoints share 10/s per IP; private endpoints share 10/s per account; endpoints have weights.
  // A 429 comes with a 60 s ban of the IP/account.
  pionex: {
    buckets: {
      ip: { per: 'ip', windows: [{ windowMs: 1000, limit: 10 }] },
      account: { per: 'account', windows: [{ windowMs: 1000, limit: 10 }] },
    },
    routes: { '': { ip: 1, account: 1 }, '/api/v1/market/': { ip: 1, account: 0 } },
    endpoints: {
      'GET /api/v1/account/balances': { ip: 1, account: 1 },
      'GET /uapi/v1/account/balances': { ip: 5, account: 5 },
      'GET /uapi/v1/account/detail': { ip: 5, account: 5 },
      'GET /api/v1/wallet/balancesFull': { ip: 1, account: 1 },
    },
    throttleScope: 'all',
    banScope: 'all',
  },
  // "10 req/s" (UNCONFIRMED, third-party report of OrangeX support); counted per IP, the cautious reading.
  orangex: {
    buckets: { ip: { per: 'ip', windows: [{ windowMs: 1000, limit: 10 }] } },
    routes: { '': { ip: 1 } },
    throttleScope: 'all',
    banScope: 'all',
  },
};
