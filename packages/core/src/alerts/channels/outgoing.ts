import type { AlertEvent } from '../alert-event.ts';

/** Why a message goes out: a new alert, a reminder while it still holds, its resolution, a one-off notice. */
export type MessageKind = 'alert' | 'reminder' | 'resolved' | 'notice';

/** What one delivery sends. `idempotencyKey` is stable across retries and restarts. */
export interface OutgoingMessage {
  event: AlertEvent;
  kind: MessageKind;
  idempotencyKey: string;
  /** When the condition started (reminders and resolutions say how long it held). */
  since?: number;
}

/** One HTTP request a channel formatter builds. The URL may hold a secret: never log it. */
export interface OutgoingRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

const ICONS = { critical: '🔴', warning: '🟠', info: '🔵' } as const;

/** The one-line headline every channel uses: icon, kind and title. */
export function headline(m: OutgoingMessage): string {
  const icon = m.kind === 'resolved' ? '✅' : ICONS[m.event.severity];
  const prefix = m.kind === 'reminder' ? 'Still firing: ' : m.kind === 'resolved' ? 'Resolved: ' : '';
  return `${icon} ${prefix}${m.event.title}`;
}

/** The facts every channel lists, as label/value pairs. */
export function facts(m: OutgoingMessage): Array<[string, string]> {
  const e = m.event;
  const out: Array<[string, string]> = [['Severity', e.severity]];
  if (e.exchange) out.push(['Exchange', e.exchange]);
  if (e.connectionName) out.push(['Connection', `${e.connectionName} (${e.connectionId})`]);
  if (e.until) out.push(['Until', new Date(e.until).toISOString()]);
  if (m.since && m.kind !== 'alert') out.push(['Since', new Date(m.since).toISOString()]);
  out.push(['At', new Date(e.at).toISOString()]);
  return out;
}

/** Cuts `text` to `max` characters, ending with an ellipsis when cut (services reject longer fields). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The headers every delivery carries: JSON, and the idempotency key for the receiver to drop duplicates. */
export function baseHeaders(m: OutgoingMessage): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'CTS-Alerts/1',
    'x-cts-idempotency-key': m.idempotencyKey,
  };
}
