/** `npm run relay` (Node) or `bun apps/relay/src/main.ts`: the egress relay from the environment. */
import { createJsonLogger } from '@cts/core';
import { loadRelayEnv } from './env.ts';
import { startRelay } from './relay-server.ts';

let env: ReturnType<typeof loadRelayEnv>;
try {
  env = loadRelayEnv(process.env);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
const logger = createJsonLogger({ level: env.RELAY_LOG_LEVEL, bindings: { service: 'cts-relay' } });
const relay = await startRelay({
  secret: env.RELAY_SECRET,
  host: env.RELAY_HOST,
  port: env.RELAY_PORT,
  localAddress: env.RELAY_LOCAL_ADDRESS,
  simulatorUrl: env.RELAY_SIMULATOR_URL,
  windowMs: env.RELAY_WINDOW_MS,
  maxBodyBytes: env.RELAY_MAX_BODY_BYTES,
  timeoutMs: env.RELAY_TIMEOUT_MS,
  metricsToken: env.RELAY_METRICS_TOKEN,
  logger,
});
logger.info('relay listening', { url: relay.url, localAddress: env.RELAY_LOCAL_ADDRESS ?? 'default' });
const stop = () => relay.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
