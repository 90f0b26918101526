import type { CredentialVault } from '../crypto/vault.ts';
import type { FetchLike } from '../ports/fetch.ts';
import type { Delivery, DeliveryAttempt } from './alert-store.ts';
import { type AlertChannel, type ChannelSecrets, channelVaultId } from './channel.ts';
import { formatRequest } from './channels/format-request.ts';
import { checkDestination, type DestinationPolicy } from './destination-guard.ts';
import { classifyStatus, parseRetryAfter } from './retry-policy.ts';

/** Opens a channel's sealed secrets. */
export async function openChannelSecrets(
  vault: CredentialVault,
  channel: AlertChannel,
): Promise<ChannelSecrets> {
  const opened = await vault.open(channelVaultId(channel.id), channel.secrets);
  return JSON.parse(opened.apiKey) as ChannelSecrets;
}

/** Seals a channel's secrets (JSON inside the vault's apiKey slot, under the channel's own vault id). */
export function sealChannelSecrets(vault: CredentialVault, channelId: string, secrets: ChannelSecrets) {
  return vault.seal(channelVaultId(channelId), { apiKey: JSON.stringify(secrets), apiSecret: '' });
}

/** Replaces every secret value in `text` (URLs, tokens) so it can be stored and shown. */
function scrub(text: string, secrets: ChannelSecrets): string {
  let out = text;
  for (const s of Object.values(secrets))
    if (typeof s === 'string' && s.length >= 4) out = out.replaceAll(s, '…');
  for (const s of Object.values(secrets))
    if (typeof s === 'string' && s.length >= 4)
      try {
        const u = new URL(s);
        if (u.pathname.length > 1) out = out.replaceAll(u.pathname, '/…');
      } catch {}
  return out.slice(0, 300);
}

export interface SendResult {
  outcome: DeliveryAttempt['outcome'];
  httpStatus: number | null;
  error: string | null;
  retryAfterMs?: number;
}

/**
 * One HTTP attempt of a delivery: destination checked (and resolved, with the policy's resolver), never following a
 * redirect, bounded by `timeoutMs`. Error text is scrubbed of the channel's secrets.
 */
export async function sendDelivery(deps: {
  delivery: Delivery;
  channel: AlertChannel | null;
  vault: CredentialVault;
  fetch: FetchLike;
  destination: DestinationPolicy;
  timeoutMs: number;
  now: number;
}): Promise<SendResult> {
  const { delivery: d, channel } = deps;
  if (!channel) return { outcome: 'failed', httpStatus: null, error: 'channel deleted' };
  let secrets: ChannelSecrets;
  try {
    secrets = await openChannelSecrets(deps.vault, channel);
  } catch {
    return { outcome: 'failed', httpStatus: null, error: 'channel secrets cannot be opened (master key?)' };
  }
  const request = await formatRequest(
    channel,
    secrets,
    { event: d.event, kind: d.kind, idempotencyKey: d.id, since: d.since ?? undefined },
    deps.now,
  );
  const problem = await checkDestination(request.url, deps.destination);
  if (problem)
    return { outcome: 'failed', httpStatus: null, error: scrub(`destination ${problem}`, secrets) };
  try {
    const res = await deps.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
    const text = await res.text().catch(() => '');
    const outcome = classifyStatus(res.status);
    if (outcome === 'delivered') return { outcome, httpStatus: res.status, error: null };
    const reason = res.status >= 300 && res.status < 400 ? 'redirect not followed' : text.slice(0, 200);
    return {
      outcome,
      httpStatus: res.status,
      error: scrub(`HTTP ${res.status}${reason ? `: ${reason}` : ''}`, secrets),
      retryAfterMs:
        res.status === 429 ? parseRetryAfter(res.headers.get('retry-after'), text, deps.now) : undefined,
    };
  } catch (err) {
    const e = err as Error;
    const cause = (e.cause as Error | undefined)?.message;
    const message =
      e.name === 'TimeoutError'
        ? `timed out after ${deps.timeoutMs} ms`
        : `${e.message}${cause ? ` (${cause})` : ''}`;
    return { outcome: 'retry', httpStatus: null, error: scrub(message, secrets) };
  }
}
