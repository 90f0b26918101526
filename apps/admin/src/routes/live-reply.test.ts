import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { html } from '../views/html.ts';
import { etagOf, liveReply, renderLive } from './live-reply.ts';

describe('liveReply', () => {
  it('answers 304 without a body when If-None-Match is the current ETag, 200 with the region otherwise', async () => {
    let text = 'one';
    const app = new Hono();
    app.get('/board', async (c) =>
      liveReply(c, await renderLive(html`<p>${text}</p>`), (f) => html`<div>${f.body}</div>`),
    );
    const first = await app.request('/board');
    const etag = first.headers.get('etag')!;
    expect(first.status).toBe(200);
    expect(etag).toBe(await etagOf('<p>one</p>'));
    const same = await app.request('/board', { headers: { 'if-none-match': etag } });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe('');
    text = 'two';
    const changed = await app.request('/board', { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });
});
