import type { ResolvedAdminOptions } from '../options.ts';
import { type LiveFragment, renderLive } from '../routes/live-reply.ts';
import { systemBoard } from '../views/system-page.ts';

/** The runtime, read from navigator.userAgent (Node 21+, Bun, Deno and Workers all set it). */
export function runtimeName(): string {
  const ua = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? '';
  if (ua.startsWith('Cloudflare-Workers')) return 'Cloudflare Workers (workerd)';
  const m = /^(Node\.js|Bun|Deno)\/(\S+)/.exec(ua);
  return m ? `${m[1]} ${m[2]}` : ua || 'unknown';
}

/** The System board rendered with its ETag. */
export async function systemFragment(options: ResolvedAdminOptions): Promise<LiveFragment> {
  const s = options.system;
  return renderLive(
    systemBoard(await options.coordinator.getSystemStatus(), {
      version: s.version ?? null,
      runtime: runtimeName(),
      startedAt: s.startedAt,
      database: s.database ?? null,
      egressIps: s.egressIps ?? [],
      nextScheduledRun: s.nextScheduledRun?.() ?? null,
      schedule: s.schedule ?? null,
    }),
  );
}
