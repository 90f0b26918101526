import type { ApiType } from '../../exchanges/catalog.ts';

/** Pionex REST paths (reference section 5.3). */
export const PIONEX_PATHS = {
  /** Spot trading account, weight 1, "Enable reading". */
  spotBalance: '/api/v1/account/balances',
  /** USDT-M perpetual ("Futures API (Beta)"), weight 5. */
  futuresBalance: '/uapi/v1/account/balances',
} as const;

/** The Pionex account an API type reads: `rest` and `websocket` use the default, spot. */
export type PionexAccount = 'spot' | 'futures';

export function pionexAccountOf(apiType: ApiType): PionexAccount {
  return apiType === 'perpetual_futures' ? 'futures' : 'spot';
}

/** Exceeding a limit bans the IP or account for 60 s, plus 10 s per further request during the ban (PX-OAS). */
export const PIONEX_BAN_MS = 60_000;
export const PIONEX_BAN_EXTENSION_MS = 10_000;
