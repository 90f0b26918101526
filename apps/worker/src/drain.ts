import type { ConnectionCoordinator } from '@cts/core';

/**
 * Resolves when the coordinator has no queued or running task (or after `maxMs`). A Worker hands it to
 * `ctx.waitUntil` after answering, so a connection's background test (queued by create or enable) finishes
 * instead of being cut off with the request.
 */
export async function whenIdle(
  coordinator: Pick<ConnectionCoordinator, 'queueStatus'>,
  options: { maxMs?: number; pollMs?: number } = {},
): Promise<void> {
  const maxMs = options.maxMs ?? 25_000;
  const pollMs = options.pollMs ?? 50;
  const deadline = Date.now() + maxMs;
  for (;;) {
    const q = coordinator.queueStatus();
    if (q.queueLength === 0 && q.activeTasks === 0) return;
    if (Date.now() >= deadline) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
