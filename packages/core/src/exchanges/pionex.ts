import { seedRules } from '../limiter/rules/seed-rules.ts';
import type { ExchangeDescriptor } from './descriptor.ts';

/** Pionex (reference §5; 2026 §8): mainnet only; spot `/ws` and futures `/wsUA` streams on one host. */
export const pionex: ExchangeDescriptor = {
  id: 'pionex',
  name: 'Pionex',
  apiTypes: ['rest', 'websocket', 'perpetual_futures', 'spot'],
  keyTypes: ['hmac'],
  passphrase: false,
  environments: {
    mainnet: {
      global: { rest: { default: 'https://api.pionex.com' }, ws: { default: 'wss://ws.pionex.com' } },
    },
  },
  limits: {
    // All endpoints share 10/s per IP; private endpoints share 10/s per account; endpoints have weights.
    // A 429 comes with a 60 s ban of the IP/account.
    published: {
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
    seed: seedRules(5, 100, 3, { routes: ['/api/v1/market/'] }),
  },
};
