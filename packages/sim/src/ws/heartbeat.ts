import type { Clock } from '@cts/core/ports';

/**
 * Calls `tick` every `ms` on the simulator's clock until `signal` aborts (a ManualClock drives it in tests).
 * `tick` returning false stops the loop.
 */
export function every(clock: Clock, ms: number, signal: AbortSignal, tick: () => boolean | undefined): void {
  void (async () => {
    while (!signal.aborted) {
      try {
        await clock.sleep(ms, signal);
      } catch {
        return;
      }
      if (signal.aborted || tick() === false) return;
    }
  })();
}

/** gzip with the Web-standard CompressionStream (BingX frames). */
export async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A short non-secret connection id. */
export function connectionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}
