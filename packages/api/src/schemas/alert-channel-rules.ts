/**
 * The create body's per-type rules (core's validateChannel) as JSON Schema `allOf` conditions, so the OpenAPI
 * document is as strict as validation: Telegram needs a bot token and a chat id, every other type a URL, and an
 * ntfy URL names its topic. What depends on the server (CTS_ALERT_ALLOW_HOSTS, DNS) stays in the description.
 */
import { CHANNEL_TYPES, NTFY_TOPIC_URL_PATTERN } from '@cts/core';

type JsonSchema = Record<string, unknown>;

const whenType = (type: string) => ({ properties: { type: { const: type } }, required: ['type'] });

/** `allOf` for createChannelSchema (via `.meta()`). */
export function createChannelRules(): JsonSchema[] {
  return CHANNEL_TYPES.map((type) => ({
    if: whenType(type),
    // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
    then:
      type === 'telegram'
        ? { required: ['bot_token', 'chat_id'] }
        : type === 'ntfy'
          ? {
              properties: { url: { type: 'string', pattern: NTFY_TOPIC_URL_PATTERN.source } },
              required: ['url'],
            }
          : { required: ['url'] },
  }));
}
