import { randomHex } from '../crypto/random.ts';
import type { CredentialVault } from '../crypto/vault.ts';
import { NotFoundError } from '../errors/domain.ts';
import { type Clock, systemClock } from '../ports/clock.ts';
import type { AlertDispatcher } from './alert-dispatcher.ts';
import type { AlertStore, Delivery, DeliveryAttempt } from './alert-store.ts';
import { type AlertChannel, maskToken, maskUrl } from './channel.ts';
import { type ChannelInput, type ValidChannel, validateChannel } from './channel-input.ts';
import type { DestinationPolicy } from './destination-guard.ts';
import { testAlert } from './events.ts';
import { openChannelSecrets, sealChannelSecrets } from './send-delivery.ts';

/** A channel as the API shows it: secrets masked (and left out entirely for viewers, see withoutSecrets). */
export interface ChannelView {
  id: string;
  name: string;
  type: AlertChannel['type'];
  enabled: boolean;
  url?: string;
  bot_token?: string;
  token?: string;
  has_signing_secret?: boolean;
  chat_id?: string;
  api_base_url?: string;
  events: string[];
  exchanges: string[];
  connections: string[];
  min_severity: string;
  created_at: number;
  updated_at: number;
}

export interface DeliveryView {
  id: string;
  channel_id: string;
  kind: Delivery['kind'];
  type: string;
  severity: string;
  title: string;
  status: Delivery['status'];
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  next_attempt_at: number | null;
  delivered_at: number | null;
  attempt_log?: Array<Omit<DeliveryAttempt, 'deliveryId'>>;
}

export function channelView(c: AlertChannel): ChannelView {
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    enabled: c.enabled,
    ...(c.masked.url ? { url: c.masked.url } : {}),
    ...(c.masked.botToken ? { bot_token: c.masked.botToken } : {}),
    ...(c.masked.token ? { token: c.masked.token } : {}),
    ...(c.type === 'webhook' ? { has_signing_secret: true } : {}),
    ...(c.settings.chatId ? { chat_id: c.settings.chatId } : {}),
    ...(c.settings.apiBaseUrl ? { api_base_url: c.settings.apiBaseUrl } : {}),
    events: c.filters.events,
    exchanges: c.filters.exchanges,
    connections: c.filters.connections,
    min_severity: c.filters.minSeverity,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

/** A view without even the masked secrets: what a viewer reads. */
export function withoutSecrets(v: ChannelView): ChannelView {
  const { url: _u, bot_token: _b, token: _t, ...rest } = v;
  return rest;
}

export function deliveryView(d: Delivery, attempts?: DeliveryAttempt[]): DeliveryView {
  return {
    id: d.id,
    channel_id: d.channelId,
    kind: d.kind,
    type: d.event.type,
    severity: d.event.severity,
    title: d.event.title,
    status: d.status,
    attempts: d.attempts,
    last_status: d.lastStatus,
    last_error: d.lastError,
    created_at: d.createdAt,
    next_attempt_at: d.status === 'pending' ? d.nextAttemptAt : null,
    delivered_at: d.deliveredAt,
    ...(attempts ? { attempt_log: attempts.map(({ deliveryId: _d, ...a }) => a) } : {}),
  };
}

/**
 * Alert channels for the API and admin UI: validated, secrets sealed with the vault (and never returned), a test
 * alert through the dispatcher, recent deliveries with their attempts.
 */
export class AlertService {
  readonly #o: {
    store: AlertStore;
    vault: CredentialVault;
    dispatcher: AlertDispatcher;
    destination: DestinationPolicy;
    clock: Clock;
    newId: () => string;
  };

  constructor(options: {
    store: AlertStore;
    vault: CredentialVault;
    dispatcher: AlertDispatcher;
    /** @default https only, public addresses only */
    destination?: DestinationPolicy;
    /** @default systemClock */
    clock?: Clock;
    /** @default `ach_` + 12 random bytes as hex */
    newId?: () => string;
  }) {
    this.#o = { destination: {}, clock: systemClock, newId: () => `ach_${randomHex(12)}`, ...options };
  }

  async listChannels(): Promise<ChannelView[]> {
    return (await this.#o.store.listChannels()).map(channelView);
  }

  async getChannel(id: string): Promise<ChannelView> {
    return channelView(await this.#stored(id));
  }

  /** Creates a channel. A webhook without a signing secret gets one, returned here once (`signing_secret`). */
  async createChannel(input: ChannelInput): Promise<{ channel: ChannelView; signing_secret?: string }> {
    const v = validateChannel(input, this.#o.destination);
    let generated: string | undefined;
    if (v.type === 'webhook' && !v.secrets.signingSecret) {
      generated = `whsec_${randomHex(24)}`;
      v.secrets.signingSecret = generated;
    }
    const now = this.#o.clock.now();
    const channel = await this.#seal(this.#o.newId(), v, now, now);
    await this.#o.store.createChannel(channel);
    return { channel: channelView(channel), ...(generated ? { signing_secret: generated } : {}) };
  }

  async updateChannel(id: string, input: ChannelInput): Promise<ChannelView> {
    const stored = await this.#stored(id);
    const current: ValidChannel = {
      name: stored.name,
      type: stored.type,
      enabled: stored.enabled,
      filters: stored.filters,
      settings: stored.settings,
      secrets: await openChannelSecrets(this.#o.vault, stored),
    };
    const v = validateChannel(input, this.#o.destination, current);
    const channel = await this.#seal(id, v, stored.createdAt, this.#o.clock.now());
    if (!(await this.#o.store.updateChannel(channel))) throw new NotFoundError('alert channel', id);
    return channelView(channel);
  }

  async deleteChannel(id: string): Promise<void> {
    if (!(await this.#o.store.deleteChannel(id))) throw new NotFoundError('alert channel', id);
  }

  /** Queues a test alert to one channel (whatever its filters) and starts sending; returns the delivery id. */
  async sendTest(id: string): Promise<{ delivery_id: string }> {
    const channel = await this.#stored(id);
    const event = testAlert(channel.name, this.#o.clock.now(), randomHex(8));
    return { delivery_id: await this.#o.dispatcher.sendTest(channel, event) };
  }

  async listDeliveries(options: { limit?: number; channelId?: string } = {}): Promise<DeliveryView[]> {
    const list = await this.#o.store.listDeliveries(options);
    return Promise.all(list.map(async (d) => deliveryView(d, await this.#o.store.listAttempts(d.id))));
  }

  async getDelivery(id: string): Promise<DeliveryView> {
    const d = await this.#o.store.getDelivery(id);
    if (!d) throw new NotFoundError('delivery', id);
    return deliveryView(d, await this.#o.store.listAttempts(id));
  }

  async #stored(id: string): Promise<AlertChannel> {
    const c = await this.#o.store.getChannel(id);
    if (!c) throw new NotFoundError('alert channel', id);
    return c;
  }

  async #seal(id: string, v: ValidChannel, createdAt: number, updatedAt: number): Promise<AlertChannel> {
    const masked: AlertChannel['masked'] = {};
    if (v.secrets.url) masked.url = maskUrl(v.secrets.url);
    if (v.secrets.botToken) masked.botToken = maskToken(v.secrets.botToken);
    if (v.secrets.token) masked.token = maskToken(v.secrets.token);
    return {
      id,
      name: v.name,
      type: v.type,
      enabled: v.enabled,
      filters: v.filters,
      settings: v.settings,
      masked,
      secrets: await sealChannelSecrets(this.#o.vault, id, v.secrets),
      createdAt,
      updatedAt,
    };
  }
}
