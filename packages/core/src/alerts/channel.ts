import type { ExchangeId } from '../exchanges/catalog.ts';
import type { EncryptedBlob } from '../storage/encrypted-blob.ts';
import { type AlertEvent, type AlertEventType, type Severity, severityRank } from './alert-event.ts';

export const CHANNEL_TYPES = ['webhook', 'slack', 'discord', 'telegram', 'ntfy'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** Which events a channel receives. An empty list means every value. */
export interface ChannelFilters {
  events: AlertEventType[];
  exchanges: ExchangeId[];
  connections: string[];
  /** @default 'warning' */
  minSeverity: Severity;
}

/**
 * A channel's secrets, only ever in memory in clear: sealed with the CredentialVault at rest, masked on the way out.
 * webhook: url + signingSecret; slack/discord: url (the webhook URL is the credential); telegram: botToken;
 * ntfy: url (the topic URL; the topic name is a password) + optional access token.
 */
export interface ChannelSecrets {
  url?: string;
  signingSecret?: string;
  botToken?: string;
  token?: string;
}

/** A channel's settings that are not secret. */
export interface ChannelSettings {
  /** Telegram: a numeric chat id or @channelusername. */
  chatId?: string;
  /** Telegram: the Bot API base (a local Bot API server). @default 'https://api.telegram.org' */
  apiBaseUrl?: string;
}

/** A stored alert channel (its secrets sealed). `masked` shows the secrets' shape for display. */
export interface AlertChannel {
  id: string;
  name: string;
  type: ChannelType;
  enabled: boolean;
  filters: ChannelFilters;
  settings: ChannelSettings;
  masked: { url?: string; botToken?: string; token?: string; signingSecret?: string };
  secrets: EncryptedBlob;
  createdAt: number;
  updatedAt: number;
}

/** The vault id a channel's secrets are sealed under (never a connection id). */
export function channelVaultId(channelId: string): string {
  return `alert-channel:${channelId}`;
}

/** Whether `event` passes the channel's filters (a filter on exchanges/connections skips events without one). */
export function channelAccepts(
  channel: Pick<AlertChannel, 'enabled' | 'filters'>,
  event: AlertEvent,
): boolean {
  const f = channel.filters;
  if (!channel.enabled) return false;
  if (severityRank(event.severity) < severityRank(f.minSeverity)) return false;
  if (f.events.length > 0 && !f.events.includes(event.type)) return false;
  if (f.exchanges.length > 0 && (!event.exchange || !f.exchanges.includes(event.exchange))) return false;
  if (f.connections.length > 0 && (!event.connectionId || !f.connections.includes(event.connectionId)))
    return false;
  return true;
}

/** A URL for display: scheme and host, then the last 4 characters (`https://hooks.slack.com/…Xy12`). */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    const tail = url.length > 12 ? url.slice(-4) : '';
    return `${u.protocol}//${u.host}/…${tail}`;
  } catch {
    return '…';
  }
}

/** A token for display: first 4 and last 2 characters. */
export function maskToken(token: string): string {
  return token.length <= 8 ? '…' : `${token.slice(0, 4)}…${token.slice(-2)}`;
}
