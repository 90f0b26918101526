/** The mount point of the admin UI: createAdminApp(deps) served under /admin by the API app. */

import { createAdminApp } from '@cts/admin';
import type { MountedApp } from '@cts/api';
import type { Coordinator, Logger, Storage } from '@cts/core';

/** `{ '/admin': adminApp }` for createApp's `mounts`. The admin UI signs people in with a token from `npm run token`. */
export function mountAdmin(deps: {
  coordinator: Coordinator;
  storage: Storage;
  jwtSecret: string;
  logger?: Logger;
}): Record<string, MountedApp> {
  const admin = createAdminApp({
    coordinator: deps.coordinator,
    auth: { jwtSecret: deps.jwtSecret },
    healthSamples: deps.storage.healthSamples,
    basePath: '/admin',
    logger: deps.logger,
  });
  return { '/admin': admin };
}
