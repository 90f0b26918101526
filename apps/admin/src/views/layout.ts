import type { AdminSession } from '../auth/session.ts';
import { type Html, html } from './html.ts';

/**
 * htmx settings: no eval (the CSP forbids it anyway), no inline indicator styles, same-origin requests only, and
 * 4xx/5xx replies swapped (the server retargets them to the flash area or the form).
 */
const HTMX_CONFIG =
  '{"allowEval":false,"allowScriptTags":false,"includeIndicatorStyles":false,"selfRequestsOnly":true,' +
  '"historyCacheSize":0,"responseHandling":[{"code":"204","swap":false},{"code":"[2345]..","swap":true}]}';

const NAV = [
  ['connections', 'Connections'],
  ['health', 'Health'],
  ['system', 'System'],
  ['sessions', 'Sessions'],
  ['alerts', 'Alerts'],
] as const;

export interface LayoutProps {
  base: string;
  title: string;
  session?: AdminSession;
  active?: (typeof NAV)[number][0];
  body: Html;
}

/** The page shell: assets from the package, CSRF token in every htmx request, a flash area and a dialog slot. */
export function layout(p: LayoutProps): Html {
  const headers = p.session ? JSON.stringify({ 'X-CSRF-Token': p.session.csrf }) : undefined;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content="${HTMX_CONFIG}">
<title>${p.title} · CTS admin</title>
<link rel="icon" href="${p.base}/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${p.base}/assets/admin.css">
<script src="${p.base}/assets/htmx.min.js" defer></script>
<script src="${p.base}/assets/admin.js" defer></script>
</head>
<body ${headers ? html`hx-headers="${headers}"` : ''}>
<header class="topbar">
  <a class="brand" href="${p.base}/connections">CTS admin</a>
  ${
    p.session
      ? html`<nav aria-label="Main">${NAV.map(
          ([key, label]) =>
            html`<a href="${p.base}/${key}" ${p.active === key ? html`aria-current="page"` : ''}>${label}</a>`,
        )}</nav>
  <form class="signout" method="post" action="${p.base}/logout">
    <input type="hidden" name="_csrf" value="${p.session.csrf}">
    <span class="who">${p.session.sub} <span class="badge badge-muted">${p.session.role}</span></span>
    <button type="submit" class="btn btn-small">Sign out</button>
  </form>`
      : ''
  }
</header>
<div id="flash" class="flash-area" role="status" aria-live="polite"></div>
<main id="main">
<h1>${p.title}</h1>
${p.body}
</main>
<div id="dialog-slot"></div>
</body>
</html>`;
}

/** A message for the flash area (errors of htmx requests are retargeted here). */
export function flash(kind: 'error' | 'ok', message: string, hint?: string): Html {
  return html`<div class="flash flash-${kind}" role="${kind === 'error' ? 'alert' : 'status'}">
<p>${message}</p>${hint ? html`<p class="hint">${hint}</p>` : ''}
<button type="button" class="btn btn-small" data-dismiss-flash aria-label="Dismiss message">×</button></div>`;
}
