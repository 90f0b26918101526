import { seedRules } from '../limiter/rules/seed-rules.ts';
import type { ExchangeDescriptor } from './descriptor.ts';

/** OrangeX (reference §6): JSON-RPC over HTTP and WebSocket on one host; mainnet only. */
export const orangex: ExchangeDescriptor = {
  id: 'orangex',
  name: 'OrangeX',
  apiTypes: ['rest', 'websocket', 'perpetual_futures', 'spot'],
  keyTypes: ['hmac'],
  passphrase: false,
  environments: {
    mainnet: {
      global: { rest: { default: 'https://api.orangex.com' }, ws: { default: 'wss://api.orangex.com' } },
    },
  },
  limits: {
    // "10 req/s" (UNCONFIRMED, third-party report of OrangeX support); counted per IP, the cautious reading.
    published: {
      buckets: { ip: { per: 'ip', windows: [{ windowMs: 1000, limit: 10 }] } },
      routes: { '': { ip: 1 } },
      throttleScope: 'all',
      banScope: 'all',
    },
    seed: seedRules(5, 100, 3, { routes: ['/public/'] }),
  },
};
