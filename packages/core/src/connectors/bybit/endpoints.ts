import type { ApiType } from '../../exchanges/catalog.ts';
import type { BybitParams } from './signer.ts';

export const BYBIT_TIME_PATH = '/v5/market/time';
export const BYBIT_BALANCE_PATH = '/v5/account/wallet-balance';
export const BYBIT_PERMISSIONS_PATH = '/v5/user/query-api';

/**
 * The balance query per API type. Bybit V5's Unified Trading Account holds spot, perpetuals, options and spot
 * margin together, so every API type reads the UNIFIED account (`rest`/`websocket` included: the REST default
 * account until the WebSocket issue).
 */
export function bybitBalanceParams(apiType: ApiType): BybitParams {
  switch (apiType) {
    case 'rest':
    case 'websocket':
    case 'unified':
    case 'perpetual_futures':
    case 'spot':
    case 'margin':
      return [['accountType', 'UNIFIED']];
    default:
      throw new TypeError(`apiType: bybit does not support ${apiType}`);
  }
}
