import {
  baseHeaders,
  clip,
  facts,
  headline,
  type OutgoingMessage,
  type OutgoingRequest,
} from './outgoing.ts';

/** Slack treats &, < and > as markup (`<!channel>` pings everyone): escaped as Slack documents. */
export function escapeSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * A Slack incoming-webhook message: `text` (the notification fallback) and Block Kit `blocks` — a header, a section
 * with the message and hint in mrkdwn, and a context line of facts. Header text is plain_text, at most 150 chars.
 */
export function slackRequest(url: string, m: OutgoingMessage): OutgoingRequest {
  const e = m.event;
  const summary = [e.message, e.hint ? `_${e.hint}_` : ''].filter(Boolean).join('\n');
  const body = {
    text: clip(headline(m), 3000),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clip(headline(m), 150), emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: clip(escapeSlack(summary), 3000) } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: clip(
              facts(m)
                .map(([k, v]) => `*${k}:* ${escapeSlack(v)}`)
                .join('  ·  '),
              3000,
            ),
          },
        ],
      },
    ],
  };
  return { url, method: 'POST', headers: baseHeaders(m), body: JSON.stringify(body) };
}
