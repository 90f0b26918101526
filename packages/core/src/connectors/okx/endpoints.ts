import type { ApiType } from '../../exchanges/catalog.ts';

export const OKX_TIME_PATH = '/api/v5/public/time';
export const OKX_PERMISSIONS_PATH = '/api/v5/account/config';

/**
 * The balance endpoint per API type. OKX's trading account is unified (spot, margin and perpetuals share it),
 * so every API type reads `/api/v5/account/balance`; `rest`/`websocket` use it as the REST default account.
 */
export function okxBalancePath(apiType: ApiType): string {
  switch (apiType) {
    case 'rest':
    case 'websocket':
    case 'perpetual_futures':
    case 'spot':
    case 'margin':
      return '/api/v5/account/balance';
    default:
      throw new TypeError(`apiType: okx does not support ${apiType}`);
  }
}
