import { defineRoute } from '../../route.ts';
import { idParamSchema } from '../../schemas/common.ts';
import { testReplySchema } from '../../schemas/reports.ts';
import { errorResponses, WRITE_ERRORS } from '../responses.ts';

export const testConnectionRoute = defineRoute(
  {
    method: 'post',
    path: '/api/settings/connections/:id/test',
    operationId: 'testConnection',
    summary: 'Test one connection now (clock sync, signed balance call, permissions)',
    description: 'A failed test is still a 200: `success` is false and `error` says why and what to do.',
    tag: 'connections',
    access: 'admin',
    params: idParamSchema,
    responses: {
      200: { description: 'The test result', schema: testReplySchema },
      ...errorResponses(...WRITE_ERRORS, 404, 409),
    },
  },
  async (c, { params }, deps) => {
    const result = await deps.coordinator.testConnection(params.id, { signal: c.req.raw.signal });
    const connection = await deps.coordinator.getConnection(params.id);
    const p = result.permissions;
    return c.json({
      success: result.success,
      balance: result.balance?.total ?? null,
      currency: result.balance?.currency ?? null,
      log: result.log,
      duration: result.duration,
      warnings: result.warnings,
      clockOffsetMs: result.clockOffsetMs,
      permissions: p ? { read: p.read, trade: p.trade, withdraw: p.withdraw, transfer: p.transfer } : null,
      ...(result.error ? { error: result.error } : {}),
      connection,
    });
  },
);
