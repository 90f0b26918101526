import type { Coordinator } from '@cts/core';

/** Each connection's `healthy` verdict from the coordinator's health report (empty when the report fails). */
export async function healthMap(coordinator: Coordinator): Promise<Map<string, boolean>> {
  try {
    const report = await coordinator.getHealth();
    return new Map(report.connections.map((h) => [h.connectionId, h.healthy]));
  } catch {
    return new Map();
  }
}
