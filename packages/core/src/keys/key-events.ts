import type { ExchangeId } from '../exchanges/catalog.ts';
import { expiryTier, type KeyAudit, type KeyAuditFlag } from './key-audit.ts';

/** What a key audit can newly report. */
export const KEY_EVENT_TYPES = [
  'key.expiring',
  'key.expired',
  'key.unbound_trading',
  'key.can_withdraw',
  'key.egress_not_whitelisted',
  'key.wrong_region',
] as const;
export type KeyEventType = (typeof KEY_EVENT_TYPES)[number];

/** A key audit newly reports something (for alerts). Raised once per crossing, not on every check. */
export interface KeyLifecycleEvent {
  type: KeyEventType;
  /** Epoch ms. */
  at: number;
  connectionId: string;
  connectionName: string;
  exchange: ExchangeId;
  /** key.expiring: the tier crossed (14, 7 or 1 days). */
  days?: number;
  /** One line for a person (the audit's hint). */
  message: string;
  audit: KeyAudit;
}

/** An exchange's announced maintenance window started or ended (for alerts). */
export interface MaintenanceEvent {
  type: 'maintenance.started' | 'maintenance.ended';
  at: number;
  exchange: ExchangeId;
  /** ISO end of the window, when announced. */
  until: string | null;
  message: string;
}

export type LifecycleEvent = KeyLifecycleEvent | MaintenanceEvent;

const FLAG_EVENTS: Partial<Record<KeyAuditFlag, KeyEventType>> = {
  expired: 'key.expired',
  unbound_trading_key: 'key.unbound_trading',
  can_withdraw: 'key.can_withdraw',
  egress_not_whitelisted: 'key.egress_not_whitelisted',
  wrong_region: 'key.wrong_region',
};

/**
 * The events `next` raises against `previous` (the stored audit, or null before the first): each flag that is
 * new, and `key.expiring` when the days left cross into a closer tier (14, 7, 1).
 */
export function keyAuditEvents(
  previous: KeyAudit | null,
  next: KeyAudit,
): Array<{ type: KeyEventType; days?: number }> {
  const out: Array<{ type: KeyEventType; days?: number }> = [];
  const had = new Set(previous?.flags ?? []);
  for (const flag of next.flags) {
    const type = FLAG_EVENTS[flag];
    if (type && !had.has(flag)) out.push({ type });
  }
  const tier = next.flags.includes('expires_soon') ? expiryTier(next.days_to_expiry) : null;
  const before = previous?.flags.includes('expires_soon') ? expiryTier(previous.days_to_expiry) : null;
  if (tier !== null && (before === null || tier < before)) out.push({ type: 'key.expiring', days: tier });
  return out;
}
