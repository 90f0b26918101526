import { noopLogger } from '@cts/core';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { createAllowedMethods } from './allowed-methods.ts';
import { requireRole } from './auth/require-role.ts';
import { createTokenVerifier } from './auth/tokens.ts';
import type { ApiDeps, ApiEnv } from './deps.ts';
import { toHttpError } from './errors/http-status.ts';
import { MetricsRegistry } from './metrics/registry.ts';
import { scrapeMetrics } from './metrics/scrape.ts';
import { observeRequests } from './middleware/observe.ts';
import { renderDocsPage } from './openapi/docs-page.ts';
import { buildOpenApiDocument } from './openapi/document.ts';
import { API_ROUTES } from './routes/index.ts';

/** CSP for our own pages (docs): no scripts at all, inline styles only. */
const DOCS_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

/** The one error body (`errorBodySchema`): `{ success: false, error: { code, message, …, retryable, requestId } }`. */
function errorReply(
  c: Context<ApiEnv>,
  status: number,
  error: {
    code: string;
    message: string;
    field?: string;
    rule?: string;
    hint?: string;
    issues?: Array<{ field: string; rule: string }>;
    retryable?: boolean;
  },
): Response {
  // Whether the same request may succeed later: the exchange error's own flag, else 429 and 5xx only.
  const retryable = error.retryable ?? (status === 429 || status >= 500);
  return c.json(
    { success: false, error: { ...error, retryable, requestId: c.get('requestId') } },
    status as 400,
  );
}

/**
 * The CTS REST API as a Hono app: the seed's eight endpoints and the rest (see routes/index.ts), bearer-JWT
 * auth, zod validation, one error shape, OpenAPI at /api/openapi.json, docs at /api/docs, metrics at /metrics.
 * @example
 * const app = createApp({ coordinator, jwtSecret: env.CTS_JWT_SECRET, logger })
 * serve({ fetch: app.fetch, port: 8787 })
 */
export function createApp(deps: ApiDeps): Hono<ApiEnv> {
  if (!deps || typeof deps.coordinator?.listConnections !== 'function')
    throw new TypeError('coordinator: expected a Coordinator');
  if (typeof deps.jwtSecret !== 'string' || deps.jwtSecret.length < 32)
    throw new TypeError('jwtSecret: expected a string of at least 32 characters');
  const logger = deps.logger ?? noopLogger;
  const bodyLimitBytes = deps.bodyLimitBytes ?? 64 * 1024;
  const registry = deps.metrics ?? new MetricsRegistry();
  const app = new Hono<ApiEnv>();

  const mountPrefixes = Object.keys(deps.mounts ?? {}).map((p) => p.replace(/\/+$/, ''));
  const apiHeaders = secureHeaders();
  app.use(requestId({ headerName: 'X-Request-Id' }));
  // One limit for every route (API, docs, metrics, mounted admin), before anything reads the body. The refusal
  // closes the connection: the unread body would otherwise be parsed as the client's next request.
  const tooLarge = (c: Context<ApiEnv>) => {
    c.header('Connection', 'close');
    return errorReply(c, 413, {
      code: 'payload_too_large',
      message: `The request body is larger than ${bodyLimitBytes} bytes`,
    });
  };
  const limitBody = bodyLimit({ maxSize: bodyLimitBytes, onError: tooLarge });
  // The declared length first, whatever the method (a GET's body is never handed to the app, but it is sent).
  app.use(async (c, next) => {
    if (Number(c.req.header('Content-Length') ?? 0) > bodyLimitBytes) return tooLarge(c);
    return limitBody(c, next);
  });
  // A mounted app sets its own security headers (the admin's X-Frame-Options: DENY, its CSP): not overridden here.
  app.use(async (c, next) => {
    if (mountPrefixes.some((p) => c.req.path === p || c.req.path.startsWith(`${p}/`))) return next();
    return apiHeaders(c, next);
  });
  app.use(observeRequests(logger, registry));

  app.onError((err, c) => {
    const mapped = toHttpError(err);
    const rid = c.get('requestId');
    if (mapped.retryAfterS !== undefined) c.header('Retry-After', String(mapped.retryAfterS));
    if (!mapped.expected)
      logger.error('unexpected error', {
        requestId: rid,
        route: c.get('route'),
        error: err instanceof Error ? `${err.name}: ${err.message}` : 'non-error thrown',
        stack: err instanceof Error ? err.stack?.split('\n').slice(1, 6).join(' | ') : undefined,
      });
    return errorReply(c, mapped.status, {
      code: mapped.code,
      message: mapped.message,
      ...(mapped.field !== undefined ? { field: mapped.field } : {}),
      ...(mapped.rule !== undefined ? { rule: mapped.rule } : {}),
      ...(mapped.hint !== undefined ? { hint: mapped.hint } : {}),
      ...(mapped.issues !== undefined ? { issues: mapped.issues } : {}),
      ...(mapped.retryable !== undefined ? { retryable: mapped.retryable } : {}),
    });
  });
  const allowed = createAllowedMethods([
    ...API_ROUTES.map((r) => [r.spec.method, r.spec.path] as [string, string]),
    ...['/api/openapi.json', '/api/docs', '/metrics', '/healthz'].map((p) => ['GET', p] as [string, string]),
  ]);
  app.notFound((c) => {
    const methods = allowed.of(c.req.path);
    if (methods.length === 0 || methods.includes(c.req.method))
      return errorReply(c, 404, {
        code: 'route_not_found',
        message: `No route ${c.req.method} ${c.req.path}`,
      });
    c.header('Allow', methods.join(', '));
    return errorReply(c, 405, {
      code: 'method_not_allowed',
      message: `${c.req.method} is not allowed on ${c.req.path}; use ${methods.join(', ')}`,
    });
  });

  const routeDeps: ApiDeps = {
    ...deps,
    verifyToken:
      deps.verifyToken ?? createTokenVerifier(deps.jwtSecret, { maxLifetimeS: deps.tokenMaxLifetimeS }),
  };
  if (deps.metricsToken !== undefined && deps.metricsToken.length < 32)
    throw new TypeError('metricsToken: expected at least 32 characters');
  for (const route of API_ROUTES) route.register(app, routeDeps);

  // Built on first request, not at start: generating it costs tens of ms (a Worker isolate's cold start pays that).
  let docs: { document: ReturnType<typeof buildOpenApiDocument>; html: string } | undefined;
  const docsOf = () => {
    if (!docs) {
      const document = buildOpenApiDocument(API_ROUTES, { version: deps.version });
      docs = { document, html: renderDocsPage(document) };
    }
    return docs;
  };
  app.get('/api/openapi.json', (c) => {
    c.set('route', '/api/openapi.json');
    return c.json(docsOf().document);
  });
  app.get('/api/docs', (c) => {
    c.set('route', '/api/docs');
    c.header('Content-Security-Policy', DOCS_CSP);
    return c.html(docsOf().html);
  });
  // Prometheus scrapes with CTS_METRICS_TOKEN, people with any viewer or admin token.
  const metricsAuth = requireRole(deps.jwtSecret, 'viewer', routeDeps.verifyToken);
  app.get('/metrics', async (c, next) => {
    c.set('route', '/metrics');
    const given = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1];
    if (deps.metricsToken && given && timingSafeEqual(given, deps.metricsToken)) return next();
    return metricsAuth(c, next);
  });
  app.get('/metrics', async (c) => {
    return c.text(await scrapeMetrics(deps, registry), 200, {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
    });
  });
  app.get('/healthz', (c) => {
    c.set('route', '/healthz');
    return c.json({ ok: true });
  });

  // Mount point for the admin UI (createAdminApp) and any other sub-app: each handles its own auth.
  for (const [prefix, sub] of Object.entries(deps.mounts ?? {})) {
    const base = prefix.replace(/\/+$/, '');
    const forward = async (c: Context<ApiEnv>) => {
      c.set('route', `${base}/*`);
      let ctx: unknown;
      try {
        ctx = c.executionCtx; // Workers only; Node, Bun and Deno have none
      } catch {
        ctx = undefined;
      }
      const res = await sub.fetch(c.req.raw, c.env, ctx);
      // Re-made through the context so the request id (set before the handler) and secure headers are added.
      return c.newResponse(res.body, res);
    };
    app.all(base, forward);
    app.all(`${base}/*`, forward);
  }
  return app;
}

/** Compares two strings in time independent of where they differ (lengths may leak; tokens have a fixed length). */
function timingSafeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}
