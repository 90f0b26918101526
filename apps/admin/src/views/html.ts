/** The one template tag of the UI: Hono's `html`, which escapes every interpolated string. */
import type { HtmlEscapedString } from 'hono/utils/html';

export { html } from 'hono/html';

/** What a view returns. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;
