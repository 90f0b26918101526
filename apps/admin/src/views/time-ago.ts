import { formatTime } from './format.ts';
import { type Html, html } from './html.ts';

/**
 * A time shown relative ("3 min ago", turned so by admin.js and kept fresh every 30 s) with the exact UTC time on
 * hover. The server writes the exact time, so the page reads right without script and its ETag does not change
 * every minute.
 */
export function timeAgo(epochMs: number | null | undefined, never = 'never'): Html {
  if (epochMs === null || epochMs === undefined || !Number.isFinite(epochMs)) return html`${never}`;
  const exact = formatTime(epochMs);
  return html`<time datetime="${new Date(epochMs).toISOString()}" title="${exact}" data-rel>${exact}</time>`;
}
