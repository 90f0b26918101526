/** The mount point of the admin UI: createAdminApp(deps) served under /admin by the API app. */

import { type AdminSystemInfo, type AdminUser, createAdminApp } from '@cts/admin';
import { type MountedApp, verifyToken } from '@cts/api';
import type { Coordinator, Logger, Storage } from '@cts/core';

/** `{ '/admin': adminApp }` for createApp's `mounts`. The admin UI signs people in with a token from `npm run token`. */
export function mountAdmin(deps: {
  coordinator: Coordinator;
  storage: Storage;
  jwtSecret: string;
  logger?: Logger;
  /** Longest accepted sign-in token lifetime, seconds. @default 30 days */
  tokenMaxLifetimeS?: number;
  /** What the System page shows about this server. @default {} */
  system?: AdminSystemInfo;
  /** Named admin users (password sign-in). @default [] */
  users?: AdminUser[];
}): Record<string, MountedApp> {
  const admin = createAdminApp({
    coordinator: deps.coordinator,
    auth: {
      jwtSecret: deps.jwtSecret,
      users: deps.users ?? [],
      // The API's own token rules (lifetime, future iat), so a token refused there is refused here.
      verifyToken: (token) =>
        verifyToken(deps.jwtSecret, token, { maxLifetimeS: deps.tokenMaxLifetimeS }).catch(() => null),
    },
    healthSamples: deps.storage.healthSamples,
    basePath: '/admin',
    logger: deps.logger,
    ...(deps.system ? { system: deps.system } : {}),
  });
  return { '/admin': admin };
}

/** The database in words for the System page: the libSQL URL without credentials or query. */
export function describeDatabase(url: string): string {
  if (url === ':memory:') return 'libSQL in memory';
  if (url.startsWith('file:')) return `libSQL ${url.split('?')[0]}`;
  return URL.canParse(url) ? `libSQL ${new URL(url).origin}` : 'libSQL';
}
