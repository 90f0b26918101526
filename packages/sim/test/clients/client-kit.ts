/** Helpers for the client-library suites (test-only). */

/** Waits for socket I/O until `done` holds; fails after `limitMs` of real time so a broken test cannot hang. */
export async function waitFor(done: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The @binance/common logger prints every connect and subscribe at INFO; its documented `LOG_LEVEL`
 * variable (read when the first client is built) keeps the test output to errors.
 */
export function quietBinanceLogger(): void {
  process.env.LOG_LEVEL ??= 'error';
}

/**
 * The logger shape tiagosiebler's SDKs take as a constructor argument (trace/info/error): info and trace
 * dropped, errors kept so a failing test shows them.
 */
export const silentLogger = {
  trace: () => {},
  info: () => {},
  error: (...params: unknown[]) => console.error(...params),
};
