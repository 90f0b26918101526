import type { Permissions } from '../types.ts';

/**
 * Permissions when the exchange cannot tell them: a successful signed read proves `read`; trade, withdraw and
 * transfer read false with `unknown` set, and no IP binding is claimed.
 */
export function unknownPermissions(raw?: string[]): Permissions {
  return {
    read: true,
    trade: false,
    withdraw: false,
    transfer: false,
    ipRestricted: false,
    ips: [],
    expiresAt: null,
    unknown: true,
    ...(raw ? { raw } : {}),
  };
}
