/**
 * What `npm test` needs beyond node_modules: Chromium (Debian's package) for the admin UI's browser tests. Installed
 * through apt-get when running as root or with password-less sudo; otherwise one line says the command to run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
const INSTALL = 'apt-get install -y --no-install-recommends chromium';

export interface ProvisionHost {
  exists(path: string): boolean;
  isRoot(): boolean;
  /** Runs a command with inherited output; true when it exited 0. */
  run(command: string, args: string[]): boolean;
}

export const systemHost: ProvisionHost = {
  exists: existsSync,
  isRoot: () => process.getuid?.() === 0,
  run: (command, args) =>
    spawnSync(command, args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0,
};

/** Makes sure Chromium is there; returns null when it is, else the one line telling what to run. */
export function provisionChromium(host: ProvisionHost = systemHost): string | null {
  if (host.exists(CHROMIUM)) return null;
  const asRoot = host.isRoot();
  if (!asRoot && !host.run('sudo', ['-n', 'true']))
    return `Chromium (needed by the admin UI's browser tests) is missing: run \`sudo ${INSTALL}\`, then npm test again.`;
  const apt = (args: string[]) =>
    asRoot ? host.run('apt-get', args) : host.run('sudo', ['-n', 'apt-get', ...args]);
  console.log(`Chromium is missing: installing it with ${asRoot ? '' : 'sudo '}${INSTALL}`);
  apt(['update', '-qq']);
  if (apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium']) && host.exists(CHROMIUM))
    return null;
  return `Chromium could not be installed: run \`sudo ${INSTALL}\`, then npm test again.`;
}
