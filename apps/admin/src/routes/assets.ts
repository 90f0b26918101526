import { Hono } from 'hono';
import { CLIENT_SCRIPT } from '../assets/client-script.ts';
import { FAVICON_SVG } from '../assets/favicon.ts';
import { readInstalledHtmx } from '../assets/htmx-source.ts';
import { STYLES } from '../assets/styles.ts';
import type { ResolvedAdminOptions } from '../options.ts';

const CACHE = 'public, max-age=3600';

/** Static assets: htmx from the package, the UI's own script and stylesheet. No sign-in needed. */
export function assetRoutes(options: ResolvedAdminOptions): Hono {
  const app = new Hono();
  let htmx: Promise<string> | undefined;
  const loadHtmx = (): Promise<string> => {
    const source = options.htmxSource;
    htmx ??= typeof source === 'string' ? Promise.resolve(source) : (source ?? readInstalledHtmx)();
    htmx.catch(() => {
      htmx = undefined;
    });
    return htmx;
  };
  const js = { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': CACHE };
  app.get('/assets/htmx.min.js', async (c) => c.body(await loadHtmx(), 200, js));
  app.get('/assets/admin.js', (c) => c.body(CLIENT_SCRIPT, 200, js));
  app.get('/assets/favicon.svg', (c) =>
    c.body(FAVICON_SVG, 200, { 'content-type': 'image/svg+xml', 'cache-control': CACHE }),
  );
  // Browsers ask for /favicon.ico at the root of the mount too.
  app.get('/favicon.ico', (c) => c.redirect(`${options.basePath}/assets/favicon.svg`, 301));
  app.get('/assets/admin.css', (c) =>
    c.body(STYLES, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': CACHE }),
  );
  return app;
}
