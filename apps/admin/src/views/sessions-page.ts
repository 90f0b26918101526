import type { SessionRecord } from '@cts/core/storage';
import type { AdminSession } from '../auth/session.ts';
import { type Html, html } from './html.ts';
import { layout } from './layout.ts';
import { timeAgo } from './time-ago.ts';

/** The live sessions: who, how they signed in, since when, until when; admins may revoke any of them. */
export function sessionsTable(p: { base: string; session: AdminSession; list: SessionRecord[] }): Html {
  const canRevoke = p.session.role === 'admin';
  return html`<table class="data cards plain sessions-table" id="sessions-table">
<thead><tr><th scope="col">Who</th><th scope="col">Role</th><th scope="col">Signed in</th><th scope="col">Ends</th><th scope="col">Actions</th></tr></thead>
<tbody>${
    p.list.length === 0
      ? html`<tr><td colspan="5" class="muted">No live sessions.</td></tr>`
      : p.list.map((s) => {
          const mine = s.id === p.session.sid;
          return html`<tr data-session-id="${s.id}" data-session-sub="${s.sub}">
<td data-label="Who"><strong>${s.sub}</strong> ${mine ? html`<span class="badge badge-ok">this session</span>` : ''}<div class="muted">by ${s.method === 'password' ? 'password' : 'token'}</div></td>
<td data-label="Role"><span class="badge badge-muted">${s.role}</span></td>
<td data-label="Signed in">${timeAgo(s.createdAt)}</td>
<td data-label="Ends">${timeAgo(s.expiresAt)}</td>
<td data-label="Actions">${
            canRevoke
              ? html`<button type="button" class="btn btn-small btn-danger" hx-post="${p.base}/sessions/${s.id}/revoke"
  hx-target="#sessions-table" hx-swap="outerHTML" data-confirm-label="Revoke"
  hx-confirm="${mine ? 'Revoke your own session? You will be signed out.' : `Revoke the session of ${s.sub}? They will have to sign in again.`}"
  aria-label="Revoke the session of ${s.sub}${mine ? ' (this session)' : ''}">Revoke</button>`
              : ''
          }</td>
</tr>`;
        })
  }</tbody></table>`;
}

export function sessionsPage(p: { base: string; session: AdminSession; table: Html }): Html {
  const body = html`<p class="muted">Everyone signed in to this admin now. A revoked session is refused at its next request, on every instance sharing the database.</p>
${p.table}`;
  return layout({ base: p.base, title: 'Sessions', session: p.session, active: 'sessions', body });
}
