/**
 * @cts/api — the Hono REST app: createApp(deps), token helpers, the OpenAPI document, the error → status map.
 * Runs wherever Hono runs (Node, Bun, Deno, Workers); the hosts live in apps/.
 */
export { createApp } from './app.ts';
export { type Access, requireRole } from './auth/require-role.ts';
export { createTokenVerifier, issueToken, parseTtl, verifyToken } from './auth/tokens.ts';
export type { ApiDeps, ApiEnv, LimiterMetricsView, MountedApp, Role } from './deps.ts';
export * from './errors/api-errors.ts';
export { type HttpError, toHttpError } from './errors/http-status.ts';
export { MetricsRegistry } from './metrics/registry.ts';
export { buildOpenApiDocument } from './openapi/document.ts';
export { API_ROUTES } from './routes/index.ts';
export { batchTestBodySchema, MAX_BATCH_IDS, startBatchBodySchema } from './schemas/batch.ts';
export { errorBodySchema, idSchema } from './schemas/common.ts';
export { connectionRecordSchema } from './schemas/connection.ts';
export {
  actionBodySchema,
  type CreateConnectionBody,
  createConnectionSchema,
  type UpdateConnectionBody,
  updateConnectionSchema,
} from './schemas/connection-input.ts';
export { healthQuerySchema, listConnectionsQuerySchema } from './schemas/filters.ts';
