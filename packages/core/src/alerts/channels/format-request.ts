import type { AlertChannel, ChannelSecrets } from '../channel.ts';
import { discordRequest } from './discord.ts';
import { ntfyRequest } from './ntfy.ts';
import type { OutgoingMessage, OutgoingRequest } from './outgoing.ts';
import { slackRequest } from './slack.ts';
import { TELEGRAM_API_BASE, telegramRequest } from './telegram.ts';
import { webhookRequest } from './webhook.ts';

/** The request a channel sends for a message, built from its opened secrets. */
export async function formatRequest(
  channel: Pick<AlertChannel, 'type' | 'settings'>,
  secrets: ChannelSecrets,
  m: OutgoingMessage,
  now: number,
): Promise<OutgoingRequest> {
  switch (channel.type) {
    case 'webhook':
      return webhookRequest(secrets.url ?? '', secrets.signingSecret ?? '', m, now);
    case 'slack':
      return slackRequest(secrets.url ?? '', m);
    case 'discord':
      return discordRequest(secrets.url ?? '', m);
    case 'telegram':
      return telegramRequest(
        secrets.botToken ?? '',
        channel.settings.chatId ?? '',
        m,
        channel.settings.apiBaseUrl ?? TELEGRAM_API_BASE,
      );
    case 'ntfy':
      return ntfyRequest(secrets.url ?? '', m, secrets.token);
  }
}
