import { baseHeaders, type OutgoingMessage, type OutgoingRequest } from './outgoing.ts';
import { signWebhook } from './signature.ts';

/** The generic webhook's JSON body (documented in packages/core/README.md). */
export function webhookBody(m: OutgoingMessage, sentAt: number): Record<string, unknown> {
  const e = m.event;
  return {
    id: m.idempotencyKey,
    kind: m.kind,
    type: e.type,
    status: e.status,
    severity: e.severity,
    fingerprint: e.fingerprint,
    title: e.title,
    message: e.message,
    hint: e.hint ?? null,
    exchange: e.exchange ?? null,
    connection_id: e.connectionId ?? null,
    connection_name: e.connectionName ?? null,
    at: new Date(e.at).toISOString(),
    until: e.until ? new Date(e.until).toISOString() : null,
    since: m.since ? new Date(m.since).toISOString() : null,
    details: e.details ?? {},
    sent_at: new Date(sentAt).toISOString(),
  };
}

/** A signed generic-webhook request: `X-CTS-Timestamp` (Unix seconds) and `X-CTS-Signature` (see signWebhook). */
export async function webhookRequest(
  url: string,
  signingSecret: string,
  m: OutgoingMessage,
  now: number,
): Promise<OutgoingRequest> {
  const body = JSON.stringify(webhookBody(m, now));
  const timestamp = Math.floor(now / 1000);
  return {
    url,
    method: 'POST',
    headers: {
      ...baseHeaders(m),
      'x-cts-timestamp': String(timestamp),
      'x-cts-signature': await signWebhook(signingSecret, timestamp, body),
    },
    body,
  };
}
