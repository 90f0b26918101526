import { Hono } from 'hono';
import type { ResolvedAdminOptions } from '../options.ts';
import { type TestOutcome, testDonePanel, testRunningPanel } from '../views/test-panel.ts';
import type { AdminEnv } from './env.ts';
import { describeError } from './errors.ts';
import { refuse } from './respond.ts';
import { SSE_HEADERS, sseEvent } from './sse.ts';

/** A test that could not run, for the panel (a server bug reads as a plain retry message, never a stack). */
function failureOf(err: unknown): { message: string; hint?: string } {
  try {
    const d = describeError(err);
    return d.hint ? { message: d.message, hint: d.hint } : { message: d.message };
  } catch {
    return { message: 'The test could not run: the server failed. Try again.' };
  }
}

/**
 * POST /connections/:id/test runs a test and streams it in the one reply (server-sent events read by admin.js):
 * `panel` (the running panel), a `step` per step line as it happens, `panel` (the result), `end`. Nothing is kept
 * between requests, so it works wherever the request runs: a Worker isolate serves the test to its end because the
 * reply is still streaming.
 */
export function testRoutes(options: ResolvedAdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const { coordinator, clock } = options;

  app.post('/connections/:id/test', async (c) => {
    let record: Awaited<ReturnType<typeof coordinator.getConnection>>;
    try {
      record = await coordinator.getConnection(c.req.param('id'));
    } catch (err) {
      const d = describeError(err);
      return refuse(c, d.status, d.message, d.hint);
    }
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        let open = true;
        const send = (event: string, data: string) => {
          if (!open) return;
          try {
            controller.enqueue(encoder.encode(sseEvent(event, data)));
          } catch {
            open = false; // the page went away; the test still finishes and is recorded
          }
        };
        send('panel', (await testRunningPanel(record.name, clock.now())).toString());
        let outcome: TestOutcome;
        try {
          outcome = {
            result: await coordinator.testConnection(record.id, { onStep: (line) => send('step', line) }),
          };
        } catch (err) {
          outcome = { failure: failureOf(err) };
        }
        send('panel', (await testDonePanel(record.name, outcome)).toString());
        send('end', '');
        if (open) controller.close();
      },
    });
    return c.body(body, 200, SSE_HEADERS);
  });

  return app;
}
