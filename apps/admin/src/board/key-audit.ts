import type { ConnectionHealth, ConnectionRecord } from '@cts/core';

/** The key-lifecycle flags a test sets on a connection (issue #14). */
export const KEY_FLAGS = [
  'can_withdraw',
  'unbound_trading_key',
  'expires_soon',
  'expired',
  'egress_not_whitelisted',
  'wrong_region',
] as const;
export type KeyFlag = (typeof KEY_FLAGS)[number];

/** `key_audit` of a connection's JSON: what the last test learned about the key. */
export interface KeyAudit {
  checked_at: number | string | null;
  ip_bound: boolean | null;
  ips: string[];
  permissions: unknown;
  expires_at: number | string | null;
  expiry_reason: string | null;
  inactivity_rule: string | null;
  days_to_expiry: number | null;
  flags: string[];
  hint: string | null;
}

/** An exchange maintenance window reported for a connection's exchange. */
export interface Maintenance {
  exchange: string;
  until: number | string | null;
  message: string | null;
}

/** The connection's key audit, when the record carries one (older records and builds do not). */
export function keyAuditOf(c: ConnectionRecord): KeyAudit | null {
  const audit = (c as ConnectionRecord & { key_audit?: KeyAudit | null }).key_audit;
  return audit && Array.isArray(audit.flags) ? audit : null;
}

/** The maintenance window in a connection's health entry, when there is one. */
export function maintenanceOf(h: ConnectionHealth | undefined): Maintenance | null {
  const m = (h as (ConnectionHealth & { maintenance?: Maintenance | null }) | undefined)?.maintenance;
  return m && typeof m === 'object' ? m : null;
}

/** The key audit in a connection's health entry (`keyAudit`), when there is one. */
export function healthKeyAuditOf(h: ConnectionHealth): KeyAudit | null {
  const audit = (h as ConnectionHealth & { keyAudit?: KeyAudit | null }).keyAudit;
  return audit && Array.isArray(audit.flags) ? audit : null;
}
