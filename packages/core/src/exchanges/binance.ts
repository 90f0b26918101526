import { seedRules } from '../limiter/rules/seed-rules.ts';
import type { ExchangeDescriptor } from './descriptor.ts';

/**
 * Binance (reference §2; 2026 §4): one host per product (spot/margin/SAPI on `default`, USDⓈ-M on `futures`);
 * Spot Demo Mode since 2026-01-29 (`demo-api.binance.com`).
 */
export const binance: ExchangeDescriptor = {
  id: 'binance',
  name: 'Binance',
  apiTypes: ['rest', 'websocket', 'perpetual_futures', 'spot', 'margin'],
  keyTypes: ['hmac', 'rsa', 'ed25519'],
  passphrase: false,
  environments: {
    mainnet: {
      global: {
        rest: { default: 'https://api.binance.com', futures: 'https://fapi.binance.com' },
        ws: { default: 'wss://ws-api.binance.com:443', futures: 'wss://fstream.binance.com' },
      },
    },
    testnet: {
      global: {
        rest: { default: 'https://testnet.binance.vision', futures: 'https://testnet.binancefuture.com' },
        ws: { default: 'wss://ws-api.testnet.binance.vision', futures: 'wss://fstream.binancefuture.com' },
      },
    },
    demo: {
      global: {
        rest: { default: 'https://demo-api.binance.com', futures: 'https://demo-fapi.binance.com' },
        ws: { default: 'wss://demo-ws-api.binance.com' },
      },
    },
  },
  limits: {
    // Spot /api: 6,000 weight / min / IP; USDⓈ-M /fapi: 2,400 / min; SAPI: 12,000 / min / IP per endpoint.
    published: {
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
    seed: seedRules(10, 1200, 10, { endpoints: ['GET /api/v3/time', 'GET /fapi/v1/time'] }),
  },
};
