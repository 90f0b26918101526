import { CtsError } from '../../errors/cts-error.ts';
import type { CloseInfo } from './ws-connection.ts';

/** The error for a close the client did not ask for: the exchange cut the stream. */
export function streamClosedError(label: string, info: CloseInfo): CtsError {
  return new CtsError(
    'network',
    `${label} closed by the server (code ${info.code}${info.reason ? `: ${info.reason}` : ''})`,
    {
      exchangeCode: info.code,
      hint: 'The exchange closed the stream: a missed heartbeat, an expired listenKey or a server restart. Health checks reconnect by themselves; a test can be repeated.',
    },
  );
}

/** Parses a JSON frame; undefined when it is not JSON (text heartbeats). */
export function parseFrame(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
