import { type Connector, type ConnectorOptions, createConnector, type Logger, toCtsError } from '@cts/core';

const LOGGED = new Set(['testConnection', 'getBalance', 'getPermissions']);

/**
 * Wraps the connector factory so that every exchange task (a test, a balance or permissions read, whether from the
 * API, a batch or a health check) writes one JSON log line: exchange, API type, environment, operation, outcome,
 * duration and error code. Never credentials.
 */
export function loggingConnectorFactory(
  logger: Logger,
  base: (options: ConnectorOptions) => Connector = createConnector,
): (options: ConnectorOptions) => Connector {
  return (options) => {
    const connector = base(options);
    const fields = { exchange: options.exchange, apiType: options.apiType, environment: options.environment };
    return new Proxy(connector, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof prop !== 'string' || !LOGGED.has(prop) || typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const started = performance.now();
          const ms = () => Math.round(performance.now() - started);
          try {
            const result = await value.apply(target, args);
            const failed = prop === 'testConnection' && result && result.success === false;
            logger.info('task', {
              ...fields,
              operation: prop,
              success: !failed,
              durationMs: ms(),
              ...(failed ? { errorCode: result.error?.code } : {}),
            });
            return result;
          } catch (err) {
            logger.info('task', {
              ...fields,
              operation: prop,
              success: false,
              durationMs: ms(),
              errorCode: toCtsError(err).code,
            });
            throw err;
          }
        };
      },
    });
  };
}
