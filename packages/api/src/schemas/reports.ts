import { API_TYPES, CONNECTION_STATES, EXCHANGES } from '@cts/core';
import { z } from 'zod';
import { ctsErrorSchema } from './cts-error.ts';
import { keyAuditSchema, maintenanceSchema } from './key-audit.ts';

export const connectionHealthSchema = z.object({
  connectionId: z.string(),
  name: z.string(),
  exchange: z.enum(EXCHANGES),
  apiType: z.enum(API_TYPES),
  state: z.enum(CONNECTION_STATES),
  lastCheckTime: z.string().nullable(),
  responseTime: z.number().nullable().describe('Average, ms'),
  p95ResponseTime: z.number().nullable(),
  errorCount: z.number().describe('Consecutive errors'),
  successCount: z.number().describe('Consecutive successes'),
  uptime: z.number().describe('0..100'),
  successRate: z.number(),
  totalRequests: z.number(),
  rateLimitUsage: z.number().describe('0..100'),
  clockOffsetMs: z.number().nullable(),
  keyExpiresAt: z.string().nullable().describe('Effective key expiry (the key audit’s expires_at)'),
  keyAudit: keyAuditSchema,
  maintenance: maintenanceSchema,
  breaker: z.object({
    state: z.enum(['closed', 'open', 'half_open']),
    openedAt: z.string().nullable(),
    nextProbeAt: z.string().nullable(),
  }),
  healthy: z.boolean(),
});

/** The seed's health reply. */
export const healthReportSchema = z.object({
  timestamp: z.string(),
  summary: z.object({
    totalConnections: z.number(),
    activeConnections: z.number(),
    healthyConnections: z.number(),
    errorConnections: z.number(),
    averageUptime: z.string().describe('Two decimals: "99.80"'),
    totalRequests: z.number(),
    successRate: z.number(),
  }),
  connections: z.array(connectionHealthSchema),
});

/** The seed's system status reply. */
export const systemStatusSchema = z.object({
  status: z.enum(['healthy', 'degraded', 'unhealthy']),
  connections: z.object({
    total: z.number(),
    active: z.number(),
    byExchange: z.record(z.string(), z.number()),
  }),
  health: z.object({ healthy: z.number(), unhealthy: z.number(), averageUptime: z.string() }),
  metrics: z.object({
    totalRequests: z.number(),
    successRate: z.string(),
    averageResponseTime: z.string(),
  }),
  batch: z.object({ queueLength: z.number(), activeTasks: z.number(), completedTasks: z.number() }),
  features: z.object({
    rateLimiting: z.enum(['enabled', 'disabled']),
    batchProcessing: z.enum(['enabled', 'disabled']),
    healthMonitoring: z.enum(['enabled', 'disabled']),
  }),
});

/** POST …/:id/test reply: the seed's fields (success, balance, log, duration) and ours beside them. */
export const testReplySchema = z.object({
  success: z.boolean(),
  balance: z.number().nullable().describe('Total, in `currency`'),
  currency: z.string().nullable(),
  log: z.array(z.string()),
  duration: z.number().describe('ms'),
  warnings: z.array(z.string()),
  clockOffsetMs: z.number().nullable(),
  permissions: z
    .object({ read: z.boolean(), trade: z.boolean(), withdraw: z.boolean(), transfer: z.boolean() })
    .nullable(),
  error: ctsErrorSchema.optional(),
  key_audit: keyAuditSchema.describe(
    'The audit this test made (null when it did not reach the key permissions)',
  ),
  connection: z.unknown().describe('The connection after the test'),
});
