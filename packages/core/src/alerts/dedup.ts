import { type AlertEvent, isResolvable, severityRank } from './alert-event.ts';
import type { AlertState } from './alert-store.ts';
import type { MessageKind } from './channels/outgoing.ts';

export interface DedupOptions {
  /** How long a firing condition stays quiet before a reminder. */
  reminderIntervalMs: number;
  /** How long a cleared condition must stay clear before "resolved" goes out; firing again within it is no news. */
  flapWindowMs: number;
}

/** What to do with one outbox event: the condition's new state (undefined: unchanged) and what to send. */
export interface Decision {
  state?: AlertState | null;
  send: { kind: MessageKind; event: AlertEvent; since: number | null } | null;
}

/**
 * Deduplication by fingerprint. One-off events go out as notices. A condition's first firing event is an alert;
 * later firing events while it holds only refresh it (a higher severity or a new stage alerts again). A resolved event starts the
 * flap window: the condition resolves when the window passes (see dueDecision) unless it fires again first — then
 * nothing is sent at all, so error → active → error is one alert, not three messages.
 */
export function decide(state: AlertState | null, event: AlertEvent, now: number, o: DedupOptions): Decision {
  if (!isResolvable(event.type)) return { send: { kind: 'notice', event, since: null } };
  if (event.status === 'firing') {
    if (!state)
      return {
        state: {
          fingerprint: event.fingerprint,
          status: 'firing',
          event,
          since: event.at,
          notifiedAt: now,
          nextReminderAt: now + o.reminderIntervalMs,
          resolveAt: null,
          resolvedEvent: null,
          channelIds: [],
        },
        send: { kind: 'alert', event, since: event.at },
      };
    const escalated =
      severityRank(event.severity) > severityRank(state.event.severity) ||
      (event.stage !== undefined && event.stage !== state.event.stage);
    const next: AlertState = { ...state, status: 'firing', event, resolveAt: null, resolvedEvent: null };
    if (!escalated) return { state: next, send: null };
    next.notifiedAt = now;
    next.nextReminderAt = now + o.reminderIntervalMs;
    return { state: next, send: { kind: 'alert', event, since: state.since } };
  }
  if (!state) return { send: null };
  return {
    state: {
      ...state,
      status: 'resolving',
      resolveAt:
        state.status === 'resolving' && state.resolveAt !== null
          ? state.resolveAt
          : event.at + o.flapWindowMs,
      resolvedEvent: event,
    },
    send: null,
  };
}

/** A due state: a resolution whose flap window passed (the state goes), or a reminder (the next one scheduled). */
export function dueDecision(state: AlertState, now: number, o: DedupOptions): Decision {
  if (state.status === 'resolving')
    return {
      state: null,
      send: { kind: 'resolved', event: state.resolvedEvent ?? state.event, since: state.since },
    };
  return {
    state: { ...state, notifiedAt: now, nextReminderAt: now + o.reminderIntervalMs },
    send: { kind: 'reminder', event: state.event, since: state.since },
  };
}
