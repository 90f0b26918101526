import type { ApiType } from '../../exchanges/catalog.ts';

/** BingX REST paths (reference section 4.3). */
export const BINGX_PATHS = {
  serverTime: '/openApi/swap/v2/server/time',
  swapBalance: '/openApi/swap/v3/user/balance',
  spotBalance: '/openApi/spot/v1/account/balance',
  apiPermissions: '/openApi/v1/account/apiPermissions',
} as const;

/** The BingX account an API type reads: `rest` and `websocket` use the default, the USDT-M perpetual account. */
export type BingxAccount = 'swap' | 'spot';

export function bingxAccountOf(apiType: ApiType): BingxAccount {
  return apiType === 'spot' ? 'spot' : 'swap';
}
