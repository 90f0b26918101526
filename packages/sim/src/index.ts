/**
 * @cts/sim — the exchange simulator: the six exchanges' private REST APIs (signatures, timestamps,
 * environments, IP whitelists, permissions, rate limits, faults), in-process (`sim.fetch`) or over HTTP.
 */
export * from './accounts/index.ts';
export { createSimulator } from './app.ts';
export * from './faults/index.ts';
export * from './limits/index.ts';
export { type SimulatorServer, type SimulatorServerOptions, startSimulatorServer } from './server.ts';
export { environmentPrefixes, type Simulator, type SimulatorOptions } from './simulator.ts';
export * from './stats.ts';
export * from './ws/index.ts';
