import {
  baseHeaders,
  clip,
  facts,
  headline,
  type OutgoingMessage,
  type OutgoingRequest,
} from './outgoing.ts';

/** The public Bot API. */
export const TELEGRAM_API_BASE = 'https://api.telegram.org';

/** Telegram's HTML parse mode needs <, > and & escaped as entities. */
export function escapeTelegramHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * Bot API `sendMessage`: POST {apiBase}/bot{token}/sendMessage with JSON { chat_id, text, parse_mode: 'HTML' }
 * (text ≤ 4096 characters after entity parsing). The URL holds the bot token: never log it.
 */
export function telegramRequest(
  botToken: string,
  chatId: string,
  m: OutgoingMessage,
  apiBase = TELEGRAM_API_BASE,
): OutgoingRequest {
  const e = m.event;
  const lines = [
    `<b>${escapeTelegramHtml(headline(m))}</b>`,
    escapeTelegramHtml(e.message),
    ...(e.hint ? [`<i>${escapeTelegramHtml(e.hint)}</i>`] : []),
    '',
    ...facts(m).map(([k, v]) => `<b>${escapeTelegramHtml(k)}:</b> ${escapeTelegramHtml(v)}`),
  ];
  const body = {
    chat_id: /^-?\d+$/.test(chatId) ? Number(chatId) : chatId,
    text: clip(lines.join('\n'), 4096),
    parse_mode: 'HTML',
  };
  return {
    url: `${apiBase.replace(/\/+$/, '')}/bot${botToken}/sendMessage`,
    method: 'POST',
    headers: baseHeaders(m),
    body: JSON.stringify(body),
  };
}
