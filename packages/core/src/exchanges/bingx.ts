import { seedRules } from '../limiter/rules/seed-rules.ts';
import type { ExchangeDescriptor } from './descriptor.ts';

/** BingX (reference §4; 2026 §7): mainnet and the VST demo host; USDT-M swap and spot streams. */
export const bingx: ExchangeDescriptor = {
  id: 'bingx',
  name: 'BingX',
  apiTypes: ['rest', 'websocket', 'perpetual_futures', 'spot'],
  keyTypes: ['hmac'],
  passphrase: false,
  environments: {
    mainnet: {
      global: {
        rest: { default: 'https://open-api.bingx.com' },
        ws: { default: 'wss://open-api-swap.bingx.com', spot: 'wss://open-api-ws.bingx.com' },
      },
    },
    demo: {
      global: {
        rest: { default: 'https://open-api-vst.bingx.com' },
        ws: { default: 'wss://vst-open-api-ws.bingx.com' },
      },
    },
  },
  limits: {
    // Per-UID per-endpoint limits (balances 5/s); per IP: market group 500/10 s and 1,000/min, account groups
    // 2,000/10 s in total and 300/10 s per endpoint.
    published: {
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
    seed: seedRules(5, 100, 3, { endpoints: ['GET /openApi/swap/v2/server/time'] }),
  },
};
