import type { ExchangeId } from '../exchanges/catalog.ts';

/** How urgent an alert is; channels send those at or above their minimum. */
export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The rank of a severity (info 0, warning 1, critical 2), for "at least" comparisons. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/**
 * Every event CTS raises, with its default severity and whether it describes a condition that later clears
 * (`resolvable`: one alert while it holds, a reminder after an interval, a resolution when it clears) or a one-off
 * notice.
 */
export const ALERT_EVENT_TYPES = {
  'connection.error': { severity: 'critical', resolvable: true, label: 'Connection in error' },
  'connection.paused': { severity: 'warning', resolvable: true, label: 'Connection paused' },
  'breaker.opened': { severity: 'info', resolvable: true, label: 'Circuit breaker opened' },
  'rate_limit.banned': { severity: 'critical', resolvable: true, label: 'IP banned by the exchange' },
  'rate_limit.blocked': { severity: 'warning', resolvable: true, label: 'Rate-limit block' },
  'key.expiring': { severity: 'warning', resolvable: true, label: 'API key expiring' },
  'key.expired': { severity: 'critical', resolvable: true, label: 'API key expired' },
  'key.unbound': { severity: 'warning', resolvable: true, label: 'Trading key not bound to an IP' },
  'key.withdraw_enabled': { severity: 'critical', resolvable: true, label: 'Key can withdraw' },
  'key.wrong_region': { severity: 'critical', resolvable: true, label: 'Key belongs to another region' },
  'egress.not_whitelisted': { severity: 'critical', resolvable: true, label: 'Egress IP not whitelisted' },
  'clock.offset': { severity: 'warning', resolvable: true, label: 'Clock offset over threshold' },
  'exchange.maintenance': { severity: 'warning', resolvable: true, label: 'Exchange maintenance' },
  'batch.failed': { severity: 'warning', resolvable: false, label: 'Batch finished with failures' },
  test: { severity: 'info', resolvable: false, label: 'Test alert' },
} as const satisfies Record<string, { severity: Severity; resolvable: boolean; label: string }>;

export type AlertEventType = keyof typeof ALERT_EVENT_TYPES;
export const ALERT_EVENT_TYPE_NAMES = Object.keys(ALERT_EVENT_TYPES) as AlertEventType[];

/** `firing`: the condition holds (or a one-off notice); `resolved`: it cleared. */
export type AlertStatus = 'firing' | 'resolved';

/**
 * One alert event as it goes into the outbox and out to channels. Text fields hold no secret: API keys appear masked.
 * Condition events share a `fingerprint` between their firing and resolved forms (`connection:<id>`); deduplication
 * works on it.
 */
export interface AlertEvent {
  type: AlertEventType;
  status: AlertStatus;
  severity: Severity;
  /** Stable identity of the condition, e.g. `connection:abc` or `clock:abc`. */
  fingerprint: string;
  /** One line: what happened. */
  title: string;
  /** More detail: the exchange's reason, numbers. */
  message: string;
  /** What a person can do about it. */
  hint?: string;
  exchange?: ExchangeId;
  connectionId?: string;
  connectionName?: string;
  /** Epoch ms of the observation. */
  at: number;
  /** Epoch ms a block, ban or maintenance lasts until, when known. */
  until?: number;
  /** A condition's stage: a new stage while it holds alerts again (key expiry 14d → 7d → 1d → expired). */
  stage?: string;
  /** Extra facts for machine consumers (generic webhook). Strings and numbers only. */
  details?: Record<string, string | number | boolean>;
}

/** Whether an event type's condition clears later (and so is deduplicated and resolved). */
export function isResolvable(type: AlertEventType): boolean {
  return ALERT_EVENT_TYPES[type].resolvable;
}
