import { describe, expect, it, vi } from 'vitest';
import { CHROMIUM, type ProvisionHost, provisionChromium } from './provision.ts';

function host(options: { installed?: boolean; root?: boolean; sudo?: boolean; aptWorks?: boolean }) {
  let installed = options.installed ?? false;
  const calls: string[] = [];
  const h: ProvisionHost = {
    exists: (path) => path === CHROMIUM && installed,
    isRoot: () => options.root ?? false,
    run: (command, args) => {
      calls.push([command, ...args].join(' '));
      if (command === 'sudo' && args.join(' ') === '-n true') return options.sudo ?? false;
      const ok = options.aptWorks ?? true;
      if (ok && args.includes('install')) installed = true;
      return ok;
    },
  };
  return { h, calls };
}

describe('provisionChromium', () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});

  it('does nothing when Chromium is installed', () => {
    const { h, calls } = host({ installed: true });
    expect(provisionChromium(h)).toBeNull();
    expect(calls).toEqual([]);
  });

  it('installs it with apt-get as root, and with sudo -n when sudo needs no password', () => {
    const root = host({ root: true });
    expect(provisionChromium(root.h)).toBeNull();
    expect(root.calls).toEqual([
      'apt-get update -qq',
      'apt-get install -y -qq --no-install-recommends chromium',
    ]);
    const sudo = host({ sudo: true });
    expect(provisionChromium(sudo.h)).toBeNull();
    expect(sudo.calls.at(-1)).toBe('sudo -n apt-get install -y -qq --no-install-recommends chromium');
  });

  it('otherwise answers one line with the command to run', () => {
    const { h } = host({});
    const line = provisionChromium(h);
    expect(line).toMatch(
      /^Chromium .* missing: run `sudo apt-get install -y --no-install-recommends chromium`/,
    );
    expect(line).not.toContain('\n');
    expect(provisionChromium(host({ root: true, aptWorks: false }).h)).toMatch(/could not be installed/);
  });
});
