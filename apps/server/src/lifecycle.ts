import type { Logger } from '@cts/core';

/** Prints the ready line (tests and scripts wait for `"msg":"listening"`) and, on first start, how to get in. */
export function announceListening(
  logger: Logger,
  info: { runtime: string; host: string; port: number; firstStartToken?: string; generated: string[] },
): void {
  const url = `http://${info.host.includes(':') ? `[${info.host}]` : info.host}:${info.port}`;
  if (info.generated.length > 0)
    logger.warn('secrets generated', {
      note: `${info.generated.join(' and ')} were absent: generated into the data directory (mode 0600). Back them up; set them in the environment for production.`,
    });
  if (info.firstStartToken) {
    // Printed once, on the start that created the JWT secret; deliberately not through the redacting logger.
    console.log(
      `\nOne-time admin token (1 h): ${info.firstStartToken}\nMore with: npm run token -- --role admin\n`,
    );
  }
  logger.info('listening', { runtime: info.runtime, url, admin: `${url}/admin`, docs: `${url}/api/docs` });
}

/**
 * Runs `stop` once on the first SIGTERM/SIGINT, then exits 0 (1 if stopping failed). A second signal exits at once.
 */
export function onShutdown(
  subscribe: (signal: 'SIGTERM' | 'SIGINT', handler: () => void) => void,
  stop: () => Promise<void>,
  exit: (code: number) => void,
  logger: Logger,
): void {
  let stopping = false;
  const handler = (signal: string) => () => {
    if (stopping) return exit(1);
    stopping = true;
    logger.info('shutting down', { signal });
    stop().then(
      () => {
        logger.info('stopped');
        exit(0);
      },
      (err: unknown) => {
        logger.error('shutdown failed', { error: err instanceof Error ? err.message : String(err) });
        exit(1);
      },
    );
  };
  subscribe('SIGTERM', handler('SIGTERM'));
  subscribe('SIGINT', handler('SIGINT'));
}
