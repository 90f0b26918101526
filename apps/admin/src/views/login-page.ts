import { type Html, html } from './html.ts';
import { layout } from './layout.ts';

export interface LoginProps {
  base: string;
  csrf: string;
  next: string;
  error?: string;
  withToken: boolean;
  withPassword: boolean;
  username?: string;
}

/** Sign-in: a token (a JWT signed with CTS_JWT_SECRET) or a username and password from configuration. */
export function loginPage(p: LoginProps): Html {
  const hidden = html`<input type="hidden" name="_csrf" value="${p.csrf}"><input type="hidden" name="next" value="${p.next}">`;
  return layout({
    base: p.base,
    title: 'Sign in',
    body: html`<div class="login">
${p.error ? html`<div class="flash flash-error" role="alert"><p>${p.error}</p></div>` : ''}
${
  p.withPassword
    ? html`<form class="panel" method="post" action="${p.base}/login">
  ${hidden}
  <div class="field"><label for="username">Username</label>
    <input id="username" name="username" autocomplete="username" required value="${p.username ?? ''}"></div>
  <div class="field"><label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required></div>
  <button type="submit" class="btn btn-primary">Sign in</button>
</form>`
    : ''
}
${p.withPassword && p.withToken ? html`<p class="or">or</p>` : ''}
${
  p.withToken
    ? html`<form class="panel" method="post" action="${p.base}/login">
  ${hidden}
  <div class="field"><label for="token">Access token (JWT)</label>
    <input id="token" name="token" type="password" autocomplete="off" required></div>
  <button type="submit" class="btn btn-primary">Sign in with token</button>
</form>`
    : ''
}
</div>`,
  });
}
