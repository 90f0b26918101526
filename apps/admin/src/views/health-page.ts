import type { AdminSession } from '../auth/session.ts';
import type { Html } from './html.ts';
import { html } from './html.ts';
import { layout } from './layout.ts';

/** Health: the live board (tiles, rate-limit usage, worst-first table with sparklines) in its live region. */
export function healthPage(p: { base: string; session: AdminSession; board: Html }): Html {
  const body = html`<p class="muted">Updates by itself. Response times above the threshold are marked “slow”.</p>${p.board}`;
  return layout({ base: p.base, title: 'Health', session: p.session, active: 'health', body });
}
