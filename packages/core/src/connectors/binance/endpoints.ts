import type { ApiType } from '../../exchanges/catalog.ts';
import type { BinanceParams } from './signer.ts';

export interface BinanceRoute {
  /** Which host: spot/margin/sapi on the default host, USDⓈ-M on the futures host. */
  product: 'default' | 'futures';
  timePath: string;
  balancePath: string;
  balanceParams: BinanceParams;
  balanceKind: 'spot' | 'futures' | 'margin';
}

/** Permissions live on the SAPI (default) host for every product. */
export const BINANCE_PERMISSIONS_PATH = '/sapi/v1/account/apiRestrictions';

/**
 * The endpoints per API type. `rest` and `websocket` use the default account (spot) over REST; WebSocket
 * streaming comes with its own issue.
 */
export function binanceRoute(apiType: ApiType): BinanceRoute {
  switch (apiType) {
    case 'perpetual_futures':
      return {
        product: 'futures',
        timePath: '/fapi/v1/time',
        balancePath: '/fapi/v3/balance',
        balanceParams: [],
        balanceKind: 'futures',
      };
    case 'margin':
      return {
        product: 'default',
        timePath: '/api/v3/time',
        balancePath: '/sapi/v1/margin/account',
        balanceParams: [],
        balanceKind: 'margin',
      };
    case 'rest':
    case 'websocket':
    case 'spot':
      return {
        product: 'default',
        timePath: '/api/v3/time',
        balancePath: '/api/v3/account',
        balanceParams: [['omitZeroBalances', 'true']],
        balanceKind: 'spot',
      };
    default:
      throw new TypeError(`apiType: binance does not support ${apiType}`);
  }
}
