/**
 * @cts/admin — the htmx admin UI: sign-in, connections (filters, add/edit, delete, enable/disable/pause/resume),
 * tests with their step log, batch tests with a live progress bar, health and system status. Server-rendered with
 * Hono's escaping `html` templates; htmx served from the package; a CSP with no inline script or style.
 */
export { formatAdminUser, parseAdminUsers, USERNAME } from './auth/admin-users.ts';
export {
  hashPassword,
  PBKDF2_ITERATIONS,
  PBKDF2_MIN_ITERATIONS,
  parsePasswordHash,
  verifyPassword,
} from './auth/password-hash.ts';
export { createAdminApp } from './create-admin-app.ts';
export type {
  AdminAuthOptions,
  AdminDeps,
  AdminPrincipal,
  AdminRole,
  AdminSystemInfo,
  AdminUser,
} from './options.ts';
export { CONTENT_SECURITY_POLICY } from './routes/security-headers.ts';
