import { validateChannel } from '@cts/core';
import { describe, expect, it } from 'vitest';
import { fromJSONSchema } from 'zod';
import { createChannelRules } from './alert-channel-rules.ts';
import { createChannelSchema } from './alerts.ts';

/** The document's verdict as a JSON Schema reader without if/then support sees it: each condition read on its own. */
function documentAccepts(body: Record<string, unknown>): boolean {
  return createChannelRules().every((rule) => {
    const when = fromJSONSchema({ type: 'object', ...(rule.if as object) });
    const must = fromJSONSchema({ type: 'object', ...(rule.then as object) });
    return !when.safeParse(body).success || must.safeParse(body).success;
  });
}

function validationAccepts(body: Record<string, unknown>): boolean {
  if (!createChannelSchema.safeParse(body).success) return false;
  try {
    validateChannel(body, {});
    return true;
  } catch {
    return false;
  }
}

describe('alert channel rules (OpenAPI allOf)', () => {
  const token = `123456:${'A'.repeat(35)}`;
  const bodies: Array<Record<string, unknown>> = [
    { name: 'w', type: 'webhook' },
    { name: 's', type: 'slack' },
    { name: 'n', type: 'ntfy', url: 'https://ntfy.example.com/' },
    { name: 't', type: 'telegram' },
    { name: 't', type: 'telegram', bot_token: token },
    { name: 't', type: 'telegram', chat_id: '@alerts_room' },
    { name: 'w', type: 'webhook', url: 'https://hooks.example.com/x' },
    { name: 'n', type: 'ntfy', url: 'https://ntfy.example.com/topic' },
    { name: 't', type: 'telegram', bot_token: token, chat_id: '-1001234567890' },
  ];

  it.each(bodies)('the document refuses what validation refuses: %j', (body) => {
    expect(documentAccepts(body) && createChannelSchema.safeParse(body).success).toBe(
      validationAccepts(body),
    );
  });

  it('refuses a malformed bot token, chat id or URL in the zod schema itself (so in the document too)', () => {
    const bad = [
      { name: 't', type: 'telegram', bot_token: 'abc', chat_id: '@alerts_room' },
      { name: 't', type: 'telegram', bot_token: token, chat_id: 'a b' },
      { name: 'w', type: 'webhook', url: 'hooks.example.com' },
      { name: 'w', type: 'webhook', url: 'https://user:pw@hooks.example.com/' },
      { name: ' ', type: 'webhook', url: 'https://hooks.example.com/' },
    ];
    for (const body of bad)
      expect(createChannelSchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
  });
});
