// The loop both smoke entry points share: one `websocket` connection test per case, summarised for the
// parent test (success, error code and message, clean close, the heartbeat line). Imports core by path so
// the Bun/Deno/Node script and the bundled Worker need no package resolver.
import { createConnector } from '../../../../core/src/connectors/index.ts';
import type { ConnectorOptions } from '../../../../core/src/connectors/types.ts';
import type { ExchangeId } from '../../../../core/src/exchanges/catalog.ts';

export interface SmokeCase {
  name: string;
  exchange: ExchangeId;
  credentials: { apiKey: string; apiSecret: string; passphrase?: string };
}

export interface SmokeInput {
  url: string;
  cases: SmokeCase[];
}

/** Runs each case in turn against `input.url`; `extra` adds connector options (e.g. a webSocketFactory). */
export async function runSmokeCases(input: SmokeInput, extra: Partial<ConnectorOptions> = {}) {
  const results = [];
  for (const c of input.cases) {
    const connector = createConnector({
      exchange: c.exchange,
      apiType: 'websocket',
      credentials: c.credentials,
      baseUrl: input.url,
      timeoutMs: 20_000,
      ...extra,
    });
    const r = await connector.testConnection();
    results.push({
      name: c.name,
      success: r.success,
      code: r.error?.code,
      message: r.error?.message,
      closedCleanly: r.log.some((line) => line.includes('Closed cleanly (code 1000)')),
      heartbeat: r.log.find((line) => line.includes('Heartbeat:'))?.replace(/^\[[^\]]+\] /, ''),
    });
  }
  return results;
}
