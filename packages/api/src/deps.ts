import type { AlertService, Coordinator, Logger } from '@cts/core';
import type { MetricsRegistry } from './metrics/registry.ts';

/** What /metrics reads from the rate limiter (a structural subset of core's RateLimiter.metrics()). */
export interface LimiterMetricsView {
  /** `bucket` names the limit (an endpoint group, the IP weight); `key` is never exported (it identifies a key). */
  scopes: Array<{ exchange: string; key: string; bucket?: string; usagePercent: number; inFlight: number }>;
  queues: Array<{ exchange: string; account: string; queued: number }>;
}

/** A sub-application mounted under a path (the admin UI at /admin). */
export interface MountedApp {
  fetch(request: Request, ...rest: unknown[]): Response | Promise<Response>;
}

/** What createApp needs. Everything that touches the world is handed in. */
export interface ApiDeps {
  coordinator: Coordinator;
  /** HS256 secret for bearer JWTs (at least 32 characters). */
  jwtSecret: string;
  /** Verifies bearer tokens. @default createTokenVerifier(jwtSecret): HS256, cached until exp */
  verifyToken?: (token: string) => Promise<{ sub: string; role: Role }>;
  /** Longest accepted bearer-token lifetime (exp − iat), seconds. @default 2_592_000 (30 days) */
  tokenMaxLifetimeS?: number;
  /** @default noopLogger */
  logger?: Logger;
  /** Limiter usage for /metrics. @default none reported */
  limiterMetrics?: () => LimiterMetricsView | Promise<LimiterMetricsView>;
  /** Largest accepted request body, in bytes. @default 65536 */
  bodyLimitBytes?: number;
  /** Longest an SSE batch stream stays open, in ms. @default 600000 */
  sseMaxMs?: number;
  /** Interval of SSE keep-alive comments, in ms. @default 15000 */
  sseHeartbeatMs?: number;
  /** Sub-apps to mount, by path prefix: `{ '/admin': createAdminApp(...) }`. They handle their own auth. */
  mounts?: Record<string, MountedApp>;
  /**
   * A static bearer token Prometheus may scrape /metrics with (CTS_METRICS_TOKEN), besides any viewer or admin JWT.
   * @default none (a JWT is required)
   */
  metricsToken?: string;
  /** Adds one rate-limit usage series per connection (labelled by connection id): n series more. @default false */
  metricsPerConnection?: boolean;
  /** Shared metrics registry (for tests or to add host metrics). @default a new one */
  metrics?: MetricsRegistry;
  /** Alert channels and deliveries (/api/settings/alerts/…). @default none: those routes answer 404 */
  alerts?: AlertService;
  /** Reported in the OpenAPI document. @default '0.1.0' */
  version?: string;
}

export type Role = 'admin' | 'viewer';

/** Hono variables set by the middleware. */
export interface ApiVariables {
  requestId: string;
  /** The matched route's template, for logs and metrics. */
  route: string;
  principal: { sub: string; role: Role } | undefined;
}

export interface ApiEnv {
  Variables: ApiVariables;
}
