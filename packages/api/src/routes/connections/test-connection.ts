import type { ConnectionRecord, TestResult } from '@cts/core';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { toHttpError } from '../../errors/http-status.ts';
import { defineRoute } from '../../route.ts';
import { idParamSchema } from '../../schemas/common.ts';
import { testReplySchema } from '../../schemas/reports.ts';
import { errorResponses, WRITE_ERRORS } from '../responses.ts';

const testQuerySchema = z.object({
  stream: z
    .enum(['0', '1'], { error: 'expected 0 or 1' })
    .optional()
    .describe(
      '1: reply with text/event-stream — one `step` event per log line as it happens (data: {"line"}), then one `result` event (data: the JSON reply), or `error` (data: {code, message}) if the test could not run',
    ),
});

/** The JSON reply (and the `result` event's data). */
function testReply(result: TestResult, connection: ConnectionRecord) {
  const p = result.permissions;
  return {
    success: result.success,
    balance: result.balance?.total ?? null,
    currency: result.balance?.currency ?? null,
    log: result.log,
    duration: result.duration,
    warnings: result.warnings,
    clockOffsetMs: result.clockOffsetMs,
    permissions: p ? { read: p.read, trade: p.trade, withdraw: p.withdraw, transfer: p.transfer } : null,
    ...(result.error ? { error: result.error } : {}),
    key_audit: result.keyAudit ?? null,
    connection,
  };
}

export const testConnectionRoute = defineRoute(
  {
    method: 'post',
    path: '/api/settings/connections/:id/test',
    operationId: 'testConnection',
    summary: 'Test one connection now (clock sync, signed balance call, permissions)',
    description:
      'A failed test is still a 200: `success` is false and `error` says why and what to do. With `?stream=1` the ' +
      'reply is text/event-stream: `step` events as the test runs, then `result` (the same JSON as without it).',
    tag: 'connections',
    access: 'admin',
    params: idParamSchema,
    query: testQuerySchema,
    responses: {
      200: {
        description:
          'The test result (application/json), or with ?stream=1 its steps then the result (text/event-stream)',
        schema: testReplySchema,
        alsoContentTypes: ['text/event-stream'],
      },
      ...errorResponses(...WRITE_ERRORS, 404, 409),
    },
  },
  async (c, { params, query }, deps) => {
    const coordinator = deps.coordinator;
    if (query.stream !== '1') {
      const result = await coordinator.testConnection(params.id, { signal: c.req.raw.signal });
      return c.json(testReply(result, await coordinator.getConnection(params.id)));
    }
    await coordinator.getConnection(params.id); // 404 before the stream starts
    return streamSSE(c, async (stream) => {
      // Steps are written in order; a client that went away only stops the writes.
      let writes = Promise.resolve();
      const onStep = (line: string) => {
        writes = writes
          .then(() => stream.writeSSE({ event: 'step', data: JSON.stringify({ line }) }))
          .catch(() => {});
      };
      try {
        const result = await coordinator.testConnection(params.id, { signal: c.req.raw.signal, onStep });
        const connection = await coordinator.getConnection(params.id);
        await writes;
        await stream.writeSSE({ event: 'result', data: JSON.stringify(testReply(result, connection)) });
      } catch (err) {
        await writes;
        const e = toHttpError(err);
        const message = e.expected ? e.message : 'The test could not run';
        await stream.writeSSE({ event: 'error', data: JSON.stringify({ code: e.code, message }) });
      }
    });
  },
);
