import {
  baseHeaders,
  clip,
  facts,
  headline,
  type OutgoingMessage,
  type OutgoingRequest,
} from './outgoing.ts';

const COLORS = { critical: 0xd92d20, warning: 0xf79009, info: 0x2e90fa, resolved: 0x12b76a } as const;

/**
 * A Discord execute-webhook body: `content` (≤ 2000 chars), one embed (title ≤ 256, description ≤ 4096, up to 25
 * fields, colour, ISO timestamp, footer) and `allowed_mentions: { parse: [] }` so alert text never pings anyone.
 */
export function discordRequest(url: string, m: OutgoingMessage): OutgoingRequest {
  const e = m.event;
  const body = {
    content: clip(headline(m), 2000),
    embeds: [
      {
        title: clip(e.title, 256),
        description: clip([e.message, e.hint ? `*${e.hint}*` : ''].filter(Boolean).join('\n'), 4096),
        color: m.kind === 'resolved' ? COLORS.resolved : COLORS[e.severity],
        timestamp: new Date(e.at).toISOString(),
        fields: facts(m).map(([name, value]) => ({ name, value: clip(value, 1024), inline: true })),
        footer: { text: clip(`CTS · ${e.type} · ${m.kind}`, 2048) },
      },
    ],
    allowed_mentions: { parse: [] },
  };
  return { url, method: 'POST', headers: baseHeaders(m), body: JSON.stringify(body) };
}
