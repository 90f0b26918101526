import type { AlertService, Clock, Coordinator, HealthSampleRepo, Logger } from '@cts/core';
import { noopLogger, systemClock } from '@cts/core';
import type { SessionStore } from '@cts/core/storage';
import { MemorySessionStore } from '@cts/core/storage/memory';
import { parsePasswordHash } from './auth/password-hash.ts';

export const ADMIN_ROLES = ['admin', 'viewer'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

/** Who is signed in. `viewer` may look; only `admin` may change anything. */
export interface AdminPrincipal {
  sub: string;
  role: AdminRole;
  /** When the token that signed them in expires (epoch s): the session ends then at the latest. */
  exp?: number;
}

/**
 * A named admin user from configuration: a PBKDF2-SHA256 `passwordHash` (from `npm run admin-user -- add`, see
 * auth/password-hash.ts), or a plain `password` (at least 12 characters; kept for existing configurations).
 */
export interface AdminUser {
  username: string;
  role: AdminRole;
  /** `pbkdf2-sha256$<iterations>$<salt>$<hash>` */
  passwordHash?: string;
  /** A plain password; prefer passwordHash. */
  password?: string;
}

export interface AdminAuthOptions {
  /** CTS_JWT_SECRET: verifies sign-in tokens (HS256, claim `role`) and, through a derived key, session cookies. */
  jwtSecret?: string;
  /** Verifies a sign-in token another way; resolves to the principal or null. @default HS256 with jwtSecret */
  verifyToken?: (token: string) => Promise<AdminPrincipal | null>;
  /** Usernames and passwords from configuration. @default [] (token sign-in only) */
  users?: AdminUser[];
  /** Signs session cookies when there is no jwtSecret (at least 32 characters). @default derived from jwtSecret */
  sessionSecret?: string;
  /** How long a session lasts. @default 28_800_000 (8 hours) */
  sessionTtlMs?: number;
}

/** What the host tells the System page about itself. */
export interface AdminSystemInfo {
  /** The CTS version. @default none (shown as —) */
  version?: string;
  /** The database in words ("libSQL file:./data/cts.db", "Cloudflare D1"); never a URL with credentials. @default none */
  database?: string;
  /** The IPs exchanges see our requests from (CTS_EGRESS_IPS or the relays), to whitelist on keys. @default [] */
  egressIps?: string[];
  /** When the scheduler runs health checks next, epoch ms. @default none */
  nextScheduledRun?: () => number | null;
  /** How often it runs, in words ("every 5 min"). @default none */
  schedule?: string;
  /** When this process or isolate started, epoch ms. @default when createAdminApp ran */
  startedAt?: number;
}

export interface AdminDeps {
  /** The coordinator every page reads and every action goes through. */
  coordinator: Coordinator;
  auth: AdminAuthOptions;
  /** Health samples for the sparklines. @default none (the health page shows no history) */
  healthSamples?: HealthSampleRepo;
  /** @default systemClock */
  clock?: Clock;
  /** Where the app is mounted (links and cookies use it). @default '/admin' */
  basePath?: string;
  /** The htmx source (htmx.org/dist/htmx.min.js). @default read from the package on first request (Node, Bun, Deno) */
  htmxSource?: string | (() => Promise<string>);
  /** Secure cookies: always, never, or when the request is https. @default 'auto' */
  secureCookies?: boolean | 'auto';
  /** Poll interval of the batch panel, ms. @default 400 */
  pollMs?: number;
  /** Where unexpected errors are logged (class and route only, never a message that could quote input). @default noopLogger */
  logger?: Logger;
  /** Largest accepted request body, in bytes; checked before anything reads it (413). @default 65536 */
  bodyLimitBytes?: number;
  /**
   * Where sign-in sessions are stored (storage.sessions: libSQL, D1), so sign-out revokes them everywhere.
   * @default a MemorySessionStore (this process only)
   */
  sessions?: SessionStore;
  /** About this instance, for the System page. @default {} */
  system?: AdminSystemInfo;
  /** Response times (average, p95) above this are marked slow on the health page, ms. @default 2000 */
  slowMs?: number;
  /** The coordinator's breaker threshold (consecutive failures), to explain breaker states. @default 3 */
  breakerThreshold?: number;
  /** Poll interval of the live list, health and system views (a 304 when nothing changed), ms. @default 3000 */
  liveMs?: number;
  /** Alert channels and deliveries for the Alerts page. @default none (the page says alerts are not configured) */
  alerts?: AlertService;
}

export interface ResolvedAdminOptions {
  coordinator: Coordinator;
  clock: Clock;
  basePath: string;
  secureCookies: boolean | 'auto';
  pollMs: number;
  liveMs: number;
  system: AdminSystemInfo & { startedAt: number };
  slowMs: number;
  breakerThreshold: number;
  healthSamples?: HealthSampleRepo;
  htmxSource?: string | (() => Promise<string>);
  users: AdminUser[];
  jwtSecret?: string;
  verifyToken?: (token: string) => Promise<AdminPrincipal | null>;
  sessionSecret: string;
  sessionTtlMs: number;
  logger: Logger;
  bodyLimitBytes: number;
  sessions: SessionStore;
  alerts?: AlertService;
}

const MIN_SECRET = 32;

/** Checks the options and fills in defaults; throws a TypeError naming the field and the rule. */
export function resolveAdminOptions(deps: AdminDeps): ResolvedAdminOptions {
  if (!deps || typeof deps.coordinator !== 'object' || deps.coordinator === null)
    throw new TypeError('coordinator: required (a Coordinator)');
  const auth = deps.auth;
  if (!auth || typeof auth !== 'object')
    throw new TypeError('auth: required ({ jwtSecret | verifyToken | users })');
  const users = auth.users ?? [];
  if (!Array.isArray(users))
    throw new TypeError('auth.users: must be an array of { username, password, role }');
  for (const [i, u] of users.entries()) {
    if (typeof u.username !== 'string' || u.username.length === 0)
      throw new TypeError(`auth.users[${i}].username: must be a non-empty string`);
    if (u.passwordHash !== undefined) {
      if (typeof u.passwordHash !== 'string' || !parsePasswordHash(u.passwordHash))
        throw new TypeError(
          `auth.users[${i}].passwordHash: must be a pbkdf2-sha256 hash (npm run admin-user)`,
        );
    } else if (typeof u.password !== 'string' || u.password.length < 12)
      throw new TypeError(`auth.users[${i}].password: must be at least 12 characters (or give passwordHash)`);
    if (!(ADMIN_ROLES as readonly string[]).includes(u.role))
      throw new TypeError(`auth.users[${i}].role: must be 'admin' or 'viewer'`);
  }
  if (auth.jwtSecret === undefined && auth.verifyToken === undefined && users.length === 0)
    throw new TypeError('auth: give jwtSecret, verifyToken or users (at least one way to sign in)');
  if (
    auth.jwtSecret !== undefined &&
    (typeof auth.jwtSecret !== 'string' || auth.jwtSecret.length < MIN_SECRET)
  )
    throw new TypeError(`auth.jwtSecret: must be a string of at least ${MIN_SECRET} characters`);
  const sessionSecret = auth.sessionSecret ?? auth.jwtSecret;
  if (typeof sessionSecret !== 'string' || sessionSecret.length < MIN_SECRET)
    throw new TypeError(
      `auth.sessionSecret: must be a string of at least ${MIN_SECRET} characters (or give auth.jwtSecret)`,
    );
  const sessionTtlMs = auth.sessionTtlMs ?? 8 * 3600_000;
  if (!Number.isInteger(sessionTtlMs) || sessionTtlMs < 60_000 || sessionTtlMs > 7 * 86_400_000)
    throw new TypeError('auth.sessionTtlMs: must be an integer between 60000 (1 min) and 604800000 (7 days)');
  const basePath = (deps.basePath ?? '/admin').replace(/\/+$/, '');
  if (basePath !== '' && !/^\/[A-Za-z0-9/_-]*$/.test(basePath))
    throw new TypeError("basePath: must start with '/' and use only letters, digits, '/', '_' and '-'");
  const pollMs = deps.pollMs ?? 400;
  if (!Number.isInteger(pollMs) || pollMs < 100 || pollMs > 60_000)
    throw new TypeError('pollMs: must be an integer between 100 and 60000');
  const bodyLimitBytes = deps.bodyLimitBytes ?? 64 * 1024;
  if (!Number.isInteger(bodyLimitBytes) || bodyLimitBytes < 1024)
    throw new TypeError('bodyLimitBytes: must be an integer of at least 1024');
  const liveMs = deps.liveMs ?? 3000;
  if (!Number.isInteger(liveMs) || liveMs < 250 || liveMs > 600_000)
    throw new TypeError('liveMs: must be an integer between 250 and 600000');
  const slowMs = deps.slowMs ?? 2000;
  if (!Number.isFinite(slowMs) || slowMs <= 0)
    throw new TypeError('slowMs: must be a positive number of milliseconds');
  const breakerThreshold = deps.breakerThreshold ?? 3;
  if (!Number.isInteger(breakerThreshold) || breakerThreshold < 1)
    throw new TypeError('breakerThreshold: must be an integer >= 1');
  const system = { ...deps.system, startedAt: deps.system?.startedAt ?? (deps.clock ?? systemClock).now() };
  const secureCookies = deps.secureCookies ?? 'auto';
  if (secureCookies !== 'auto' && typeof secureCookies !== 'boolean')
    throw new TypeError("secureCookies: must be true, false or 'auto'");
  return {
    coordinator: deps.coordinator,
    clock: deps.clock ?? systemClock,
    basePath,
    secureCookies,
    pollMs,
    liveMs,
    system,
    slowMs,
    breakerThreshold,
    healthSamples: deps.healthSamples,
    htmxSource: deps.htmxSource,
    users,
    jwtSecret: auth.jwtSecret,
    verifyToken: auth.verifyToken,
    sessionSecret,
    sessionTtlMs,
    logger: deps.logger ?? noopLogger,
    bodyLimitBytes,
    sessions: deps.sessions ?? new MemorySessionStore(),
    ...(deps.alerts ? { alerts: deps.alerts } : {}),
  };
}
