import { buildWorkerSystem, type WorkerSystem } from './deps.ts';
import { type Bindings, loadWorkerEnv } from './env.ts';

let building: Promise<WorkerSystem> | undefined;

/**
 * The isolate's system, built on first use from the bindings (an isolate serves one Worker, so one set of
 * bindings). A failed build is forgotten, so the next request tries again.
 */
export function workerSystem(bindings: Bindings): Promise<WorkerSystem> {
  building ??= buildWorkerSystem(loadWorkerEnv(bindings), bindings).catch((err) => {
    building = undefined;
    throw err;
  });
  return building;
}
