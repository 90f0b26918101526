import type { ConnectionHealth, Coordinator } from '@cts/core';

/** Each connection's health entry from the coordinator's health report (empty when the report fails). */
export async function healthMap(coordinator: Coordinator): Promise<Map<string, ConnectionHealth>> {
  try {
    const report = await coordinator.getHealth();
    return new Map(report.connections.map((h) => [h.connectionId, h]));
  } catch {
    return new Map();
  }
}
