import type { BatchProgressEvent } from '@cts/core';
import { streamSSE } from 'hono/streaming';
import { defineRoute } from '../../route.ts';
import { idParamSchema } from '../../schemas/common.ts';
import { errorResponses, READ_ERRORS } from '../responses.ts';

const FINISHED = new Set(['completed', 'interrupted', 'cancelled']);

/**
 * GET …/batches/:id/events: Server-Sent Events. First `snapshot` (the status so far), then one `task` event per
 * finished task and a final `done` with the seed's summary; the stream then ends. A batch that had already finished
 * (or finished with no event seen, e.g. interrupted) ends with `end` ({status}) instead. Bounded by sseMaxMs.
 */
export const batchEventsRoute = defineRoute(
  {
    method: 'get',
    path: '/api/settings/connections/batches/:id/events',
    operationId: 'batchEvents',
    summary: "A batch's progress as a Server-Sent Events stream (snapshot, task…, done — or end)",
    tag: 'batches',
    access: 'viewer',
    params: idParamSchema,
    responses: {
      200: {
        description:
          'text/event-stream: snapshot, then task events and done (the summary); end ({status}) instead when the batch had already finished',
        contentType: 'text/event-stream',
      },
      ...errorResponses(...READ_ERRORS, 404),
    },
  },
  async (c, { params }, deps) => {
    const coordinator = deps.coordinator;
    const queue: BatchProgressEvent[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = coordinator.onBatchProgress(params.id, (event) => {
      queue.push(event);
      wake?.();
    });
    let view: Awaited<ReturnType<typeof coordinator.getBatch>>;
    try {
      view = await coordinator.getBatch(params.id); // 404 before the stream starts
    } catch (err) {
      unsubscribe();
      throw err;
    }
    const maxMs = deps.sseMaxMs ?? 600_000;
    const heartbeatMs = deps.sseHeartbeatMs ?? 15_000;
    return streamSSE(c, async (stream) => {
      const started = Date.now();
      let closed = false;
      stream.onAbort(() => {
        closed = true;
        wake?.();
      });
      try {
        await stream.writeSSE({
          event: 'snapshot',
          data: JSON.stringify({ batch: view.job, tasks: view.tasks, done: view.done, total: view.total }),
        });
        if (FINISHED.has(view.job.status) && queue.length === 0) {
          const latest = await coordinator.getBatch(params.id);
          await stream.writeSSE({ event: 'end', data: JSON.stringify({ status: latest.job.status }) });
          return;
        }
        while (!closed && Date.now() - started < maxMs) {
          const event = queue.shift();
          if (event) {
            await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
            if (event.type === 'done') return;
            continue;
          }
          const waitMs = Math.min(heartbeatMs, maxMs - (Date.now() - started));
          let timer: ReturnType<typeof setTimeout> | undefined;
          const timedOut = await new Promise<boolean>((resolve) => {
            wake = () => resolve(false);
            timer = setTimeout(() => resolve(true), Math.max(0, waitMs));
          });
          clearTimeout(timer);
          wake = undefined;
          if (timedOut && !closed && queue.length === 0) {
            const latest = await coordinator.getBatch(params.id);
            if (FINISHED.has(latest.job.status)) {
              await stream.writeSSE({ event: 'end', data: JSON.stringify({ status: latest.job.status }) });
              return;
            }
            await stream.write(': keep-alive\n\n');
          }
        }
      } finally {
        unsubscribe();
      }
    });
  },
);
