import {
  baseHeaders,
  clip,
  facts,
  headline,
  type OutgoingMessage,
  type OutgoingRequest,
} from './outgoing.ts';

const PRIORITY = { critical: 5, warning: 4, info: 3 } as const;
const TAGS = { critical: 'rotating_light', warning: 'warning', info: 'information_source' } as const;

/**
 * ntfy "publish as JSON": POST to the server root with { topic, title, message, priority (1–5), tags } — the JSON
 * form keeps non-ASCII titles intact (headers would need RFC 2047). `topicUrl` is the topic's URL
 * (`https://ntfy.sh/mytopic`); an access token goes in `Authorization: Bearer`.
 */
export function ntfyRequest(topicUrl: string, m: OutgoingMessage, token?: string): OutgoingRequest {
  const u = new URL(topicUrl);
  const segments = u.pathname.split('/').filter(Boolean);
  const topic = segments.pop() ?? '';
  u.pathname = `/${segments.join('/')}`;
  const e = m.event;
  const body = {
    topic,
    title: clip(headline(m), 250),
    message: clip(
      [e.message, e.hint ?? '', '', ...facts(m).map(([k, v]) => `${k}: ${v}`)]
        .filter((l, i) => l !== '' || i > 1)
        .join('\n'),
      4000,
    ),
    priority: m.kind === 'resolved' ? 3 : PRIORITY[e.severity],
    tags: [m.kind === 'resolved' ? 'white_check_mark' : TAGS[e.severity], e.type],
  };
  const headers = baseHeaders(m);
  if (token) headers.authorization = `Bearer ${token}`;
  return { url: u.toString(), method: 'POST', headers, body: JSON.stringify(body) };
}

/** The topic of a topic URL (its last path segment), or '' when it has none. */
export function ntfyTopic(topicUrl: string): string {
  return new URL(topicUrl).pathname.split('/').filter(Boolean).pop() ?? '';
}
