import type { Logger } from '@cts/core';
import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../deps.ts';
import type { MetricsRegistry } from '../metrics/registry.ts';

/** One JSON log line and one metrics observation per request, labelled by route template (never by raw path). */
export function observeRequests(logger: Logger, registry: MetricsRegistry): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = c.get('route') ?? 'unmatched';
    const labels = { method: c.req.method, route, status: String(c.res.status) };
    registry.inc('cts_http_requests_total', 'HTTP requests by route and status', labels);
    registry.observe(
      'cts_http_request_duration_seconds',
      'HTTP request latency by route and status',
      labels,
      seconds,
    );
    const principal = c.get('principal');
    logger.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      route,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round(seconds * 1e4) / 10,
      ...(principal ? { sub: principal.sub, role: principal.role } : {}),
    });
  };
}
