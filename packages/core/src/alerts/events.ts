import type { ExchangeId } from '../exchanges/catalog.ts';
import type { AlertEvent } from './alert-event.ts';
import { event, type Subject, subjectOf, who } from './event-builder.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** A connection went to error (`state` error) or was paused by its breaker (`state` paused), with the reason. */
export function connectionDown(
  c: Subject,
  state: 'error' | 'paused',
  error: { code: string; message: string; hint?: string } | null,
  at: number,
): AlertEvent {
  const type = state === 'error' ? 'connection.error' : 'connection.paused';
  return event(type, {
    ...subjectOf(c),
    fingerprint: `connection:${c.id}`,
    title: `${who(c)} is ${state === 'error' ? 'in error' : 'paused after repeated failures'}`,
    message: error ? `${error.code}: ${error.message}` : 'no error detail',
    hint: error?.hint,
    at,
    details: { state, ...(error ? { code: error.code } : {}) },
  });
}

/** A connection is active again: resolves connection.error / connection.paused. */
export function connectionRecovered(c: Subject, at: number): AlertEvent {
  return event('connection.error', {
    ...subjectOf(c),
    resolved: true,
    fingerprint: `connection:${c.id}`,
    title: `${who(c)} recovered`,
    message: 'The connection is active again.',
    at,
    details: { state: 'active' },
  });
}

/** The circuit breaker opened (`nextProbeAt`: when it tries again) or closed (`opened` false). */
export function breakerChanged(c: Subject, opened: boolean, at: number, nextProbeAt?: number): AlertEvent {
  return event('breaker.opened', {
    ...subjectOf(c),
    resolved: !opened,
    fingerprint: `breaker:${c.id}`,
    title: opened ? `Circuit breaker of ${who(c)} opened` : `Circuit breaker of ${who(c)} closed`,
    message: opened
      ? `Calls are refused until a probe${nextProbeAt ? ` at ${iso(nextProbeAt)}` : ''}.`
      : 'Calls flow again.',
    at,
    until: opened ? nextProbeAt : undefined,
  });
}

/** The exchange banned this IP (`banned`) or blocked the account's requests for a while, until `until`. */
export function rateLimitBlock(c: Subject, banned: boolean, at: number, until: number): AlertEvent {
  return event(banned ? 'rate_limit.banned' : 'rate_limit.blocked', {
    ...subjectOf(c),
    fingerprint: `${banned ? 'ban' : 'block'}:${c.id}`,
    title: `${who(c)} ${banned ? 'IP banned' : 'rate-limited'} until ${iso(until)}`,
    message: `The exchange refuses requests until ${iso(until)}.`,
    hint: banned
      ? 'CTS waits out the ban; check what else sends requests from this IP.'
      : 'CTS waits as the exchange asked; lower the request rate if it repeats.',
    at,
    until,
  });
}

/** The block or ban of `c` is over (a call succeeded after it). */
export function rateLimitCleared(c: Subject, banned: boolean, at: number): AlertEvent {
  return event(banned ? 'rate_limit.banned' : 'rate_limit.blocked', {
    ...subjectOf(c),
    resolved: true,
    fingerprint: `${banned ? 'ban' : 'block'}:${c.id}`,
    title: `${who(c)} ${banned ? 'ban' : 'rate-limit block'} is over`,
    message: 'Requests succeed again.',
    at,
  });
}

/** The clock offset to the exchange crossed `thresholdMs` (over) or came back under it. */
export function clockOffset(c: Subject, offsetMs: number, thresholdMs: number, at: number): AlertEvent {
  const over = Math.abs(offsetMs) > thresholdMs;
  return event('clock.offset', {
    ...subjectOf(c),
    resolved: !over,
    fingerprint: `clock:${c.id}`,
    title: over
      ? `Clock offset to ${c.exchange} is ${Math.round(offsetMs)} ms`
      : `Clock offset to ${c.exchange} is back under ${thresholdMs} ms`,
    message: `Measured offset ${Math.round(offsetMs)} ms (threshold ${thresholdMs} ms).`,
    hint: over ? 'Sync the host clock (NTP); signed requests outside the exchange window fail.' : undefined,
    at,
    details: { offsetMs: Math.round(offsetMs), thresholdMs },
  });
}

/** The exchange refused the call because our egress IP is not on the key's whitelist (or accepts it again). */
export function egressNotWhitelisted(c: Subject, present: boolean, at: number, detail?: string): AlertEvent {
  return event('egress.not_whitelisted', {
    ...subjectOf(c),
    resolved: !present,
    fingerprint: `egress:${c.id}`,
    title: present ? `Egress IP not whitelisted for ${who(c)}` : `Egress IP accepted again for ${who(c)}`,
    message: present
      ? (detail ?? 'The exchange refused the request from this IP.')
      : 'Requests are accepted.',
    hint: present ? "Add CTS's egress IP to the key's IP whitelist on the exchange." : undefined,
    at,
  });
}

/** An exchange announced (or ended) maintenance. */
export function maintenance(
  exchange: ExchangeId,
  active: boolean,
  at: number,
  window?: { start?: number; end?: number },
): AlertEvent {
  return event('exchange.maintenance', {
    exchange,
    resolved: !active,
    fingerprint: `maintenance:${exchange}`,
    title: active ? `${exchange} maintenance started` : `${exchange} maintenance ended`,
    message: active
      ? `Until ${window?.end ? iso(window.end) : 'an unannounced time'}; CTS holds calls to ${exchange}.`
      : 'The exchange is available again.',
    at,
    until: active ? window?.end : undefined,
  });
}

/** A batch ended with failed tasks. */
export function batchFailed(
  batch: { id: string; type: string; total: number; failed: number },
  at: number,
): AlertEvent {
  return event('batch.failed', {
    fingerprint: `batch:${batch.id}`,
    title: `Batch ${batch.type} finished: ${batch.failed} of ${batch.total} failed`,
    message: `Batch ${batch.id}: ${batch.failed} failed, ${batch.total - batch.failed} succeeded.`,
    hint: 'Open the batch in the admin UI for each connection’s error.',
    at,
    details: { batchId: batch.id, total: batch.total, failed: batch.failed },
  });
}

/** The "send a test alert" event: unique per send, so it is never deduplicated. */
export function testAlert(channelName: string, at: number, nonce: string): AlertEvent {
  return event('test', {
    fingerprint: `test:${nonce}`,
    title: `Test alert from CTS to ${channelName}`,
    message: 'If you can read this, alerts reach this channel.',
    at,
  });
}
