/**
 * @cts/worker — the Cloudflare Worker: fetch (API, /admin, /limiter/*), scheduled (health checks every 5 minutes)
 * and the LimiterObject Durable Object class. Configuration: wrangler.jsonc and README.md.
 */
import type { ExecutionContext, ScheduledController } from '@cloudflare/workers-types';
import { withoutQueries } from '@cts/core/errors';
import { runHealthTick } from '@cts/runtime';
import { whenIdle } from './drain.ts';
import type { Bindings } from './env.ts';
import { workerSystem } from './system.ts';

export { DurableObjectLimiterStore } from './limiter/durable-object-store.ts';
export { LimiterObject } from './limiter/limiter-object.ts';

export default {
  async fetch(request: Request, bindings: Bindings, ctx: ExecutionContext): Promise<Response> {
    let system: Awaited<ReturnType<typeof workerSystem>>;
    try {
      system = await workerSystem(bindings);
    } catch (err) {
      // withoutQueries: a libSQL URL's ?authToken= quoted in the error never reaches the log.
      console.error(
        JSON.stringify({ level: 'error', msg: 'worker start failed', error: withoutQueries(String(err)) }),
      );
      return Response.json(
        {
          success: false,
          error: {
            code: 'unavailable',
            message: 'The service could not start (configuration or database): see the Worker logs',
          },
        },
        { status: 503 },
      );
    }
    const response = await system.app.fetch(request, bindings, ctx);
    // Background tests queued by this request finish, then the alerts they raised are sent.
    ctx.waitUntil(whenIdle(system.coordinator).then(() => system.alerts?.dispatcher.run()));
    return response;
  },

  async scheduled(controller: ScheduledController, bindings: Bindings, ctx: ExecutionContext): Promise<void> {
    const system = await workerSystem(bindings);
    const now = controller.scheduledTime;
    const tick = runHealthTick(system.coordinator, {
      now,
      maxTasks: system.env.CTS_CRON_MAX_TASKS,
      minAgeMs: system.env.CTS_CRON_MIN_AGE_MS,
      purge: new Date(now).getUTCMinutes() < 5, // the first tick of each hour
    }).then((report) =>
      system.logger.info('cron tick', {
        due: report.due,
        checked: report.checked,
        remaining: report.remaining,
      }),
    );
    // Alerts: what the checks raised, retries that came due, reminders and resolutions.
    const sent = tick.then(() => system.alerts?.dispatcher.run());
    ctx.waitUntil(sent);
    await sent;
  },
};
