import { seedRules } from '../limiter/rules/seed-rules.ts';
import type { ExchangeDescriptor } from './descriptor.ts';

/**
 * OKX V5 (reference §3; 2026 §6). No testnet: demo trading is the same REST host with `x-simulated-trading: 1`
 * and its own stream host. Keys belong to one entity: global, EEA or US, each with its own hosts (§3.1).
 */
export const okx: ExchangeDescriptor = {
  id: 'okx',
  name: 'OKX',
  apiTypes: ['rest', 'websocket', 'perpetual_futures', 'spot', 'margin'],
  keyTypes: ['hmac'],
  passphrase: true,
  environments: {
    mainnet: {
      global: { rest: { default: 'https://www.okx.com' }, ws: { default: 'wss://ws.okx.com:8443' } },
      eea: { rest: { default: 'https://eea.okx.com' }, ws: { default: 'wss://wseea.okx.com:8443' } },
      us: { rest: { default: 'https://us.okx.com' }, ws: { default: 'wss://wsus.okx.com:8443' } },
    },
    demo: {
      global: { rest: { default: 'https://www.okx.com' }, ws: { default: 'wss://wspap.okx.com:8443' } },
      eea: { rest: { default: 'https://eea.okx.com' }, ws: { default: 'wss://wseeapap.okx.com:8443' } },
      us: { rest: { default: 'https://us.okx.com' }, ws: { default: 'wss://wsuspap.okx.com:8443' } },
    },
  },
  limits: {
    // Private limits per User ID and endpoint; public per IP. No general limit is published.
    published: {
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
    seed: seedRules(20, 600, 10, { endpoints: ['GET /api/v5/public/time'] }),
  },
};
