import { errorLabel } from '@cts/core';
import type { ExecutionContext } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { sessionGuard } from './auth/guard.ts';
import { SessionCodec } from './auth/session.ts';
import { type AdminDeps, resolveAdminOptions } from './options.ts';
import { actionRoutes } from './routes/actions.ts';
import { alertRoutes } from './routes/alerts.ts';
import { assetRoutes } from './routes/assets.ts';
import { authRoutes, logoutRoute } from './routes/auth.ts';
import { batchRoutes } from './routes/batches.ts';
import { connectionEditRoutes } from './routes/connection-edit.ts';
import { connectionRoutes } from './routes/connections.ts';
import type { AdminEnv } from './routes/env.ts';
import { healthRoutes } from './routes/health.ts';
import { refuse } from './routes/respond.ts';
import { securityHeaders } from './routes/security-headers.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { testRoutes } from './routes/tests.ts';

/**
 * The htmx admin UI as a Hono app. Mount it at `basePath` (default /admin) either way:
 * `app.route('/admin', admin)`, or hand it requests with the full path (`admin.fetch(req)` for `/admin/...`, as
 * @cts/api's `mounts` does). Links and cookies use `basePath`.
 *
 * @example
 * const admin = createAdminApp({ coordinator, auth: { jwtSecret: env.CTS_JWT_SECRET } });
 * app.route('/admin', admin);                                   // or createApp({ ..., mounts: { '/admin': admin } })
 */
export function createAdminApp(deps: AdminDeps): Hono {
  const options = resolveAdminOptions(deps);
  const codec = SessionCodec.fromSecret(options.sessionSecret, {
    ttlMs: options.sessionTtlMs,
    now: () => options.clock.now(),
    store: options.sessions,
  });
  const app = new Hono<AdminEnv>().basePath(options.basePath || '/');
  app.use('*', securityHeaders());
  app.route('/', assetRoutes(options));
  // Registered before the guard: sign-in and assets answer without a session.
  app.route('/', authRoutes(options, codec));
  app.use('*', sessionGuard(options, codec));
  app.get('/', (c) => c.redirect(`${options.basePath}/connections`, 303));
  app.route('/', logoutRoute(options, codec));
  app.route('/', connectionRoutes(options));
  app.route('/', connectionEditRoutes(options));
  app.route('/', actionRoutes(options));
  app.route('/', testRoutes(options));
  app.route('/', batchRoutes(options));
  app.route('/', healthRoutes(options));
  app.route('/', sessionRoutes(options));
  app.route('/', alertRoutes(options));
  app.onError((err, c) => {
    const status = err instanceof TypeError ? 400 : 500;
    // Logged by class and route only: a message may quote what was posted.
    if (status === 500)
      options.logger.error('admin request failed', {
        method: c.req.method,
        path: new URL(c.req.url).pathname,
        error: errorLabel(err),
      });
    return refuse(c, status, status === 400 ? err.message : 'Something went wrong on the server. Try again.');
  });
  // Mounted by app.route(basePath, admin) or called as admin.fetch(req), the request keeps its full path: forward
  // it as it is to the routes registered under basePath.
  const outer = new Hono();
  // Before anything reads the body (the sign-in form is parsed before any session exists).
  outer.use(
    bodyLimit({
      maxSize: options.bodyLimitBytes,
      onError: (c) =>
        c.text(`The request body is larger than ${options.bodyLimitBytes} bytes.`, 413, {
          Connection: 'close',
        }),
    }),
  );
  outer.all('*', (c) => {
    let ctx: ExecutionContext | undefined;
    try {
      ctx = c.executionCtx;
    } catch {
      ctx = undefined; // Node and Bun have no ExecutionContext
    }
    return app.fetch(c.req.raw, c.env, ctx);
  });
  return outer;
}
