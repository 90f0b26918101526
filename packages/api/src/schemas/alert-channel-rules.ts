/**
 * The create body's per-type rules (core's validateChannel) as JSON Schema `allOf` conditions, so the OpenAPI
 * document is as strict as validation: Telegram needs a bot token and a chat id, every other type a URL, and an
 * ntfy URL names its topic. What depends on the server (CTS_ALERT_ALLOW_HOSTS, DNS) stays in the description.
 */
import { CHANNEL_TYPES, NTFY_TOPIC_URL_PATTERN } from '@cts/core';

type JsonSchema = Record<string, unknown>;

const STRING = { type: 'string' };
const whenType = (type: string) => ({ properties: { type: { const: type } }, required: ['type'] });
/** Required properties, each also listed (a JSON Schema reader that only checks listed properties sees them). */
const needs = (properties: Record<string, JsonSchema>) => ({ properties, required: Object.keys(properties) });

/** `allOf` for createChannelSchema (via `.meta()`). */
export function createChannelRules(): JsonSchema[] {
  return CHANNEL_TYPES.map((type) => ({
    if: whenType(type),
    // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
    then:
      type === 'telegram'
        ? needs({ bot_token: STRING, chat_id: STRING })
        : needs({ url: type === 'ntfy' ? { ...STRING, pattern: NTFY_TOPIC_URL_PATTERN.source } : STRING }),
  }));
}
