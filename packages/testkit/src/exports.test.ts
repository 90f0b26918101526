import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// STYLE.md principle 6: explicit exports. Every export-map target exists, no wildcard subpaths, and every
// `src/<folder>/index.ts` of a package with subpath exports is exported under `./<folder>`.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const workspaces = ['packages', 'apps'].flatMap((dir) =>
  readdirSync(join(root, dir))
    .map((name) => join(root, dir, name))
    .filter((p) => existsSync(join(p, 'package.json'))),
);

describe('workspace export maps', () => {
  it.each(workspaces.map((p) => [p.slice(root.length), p]))(
    '%s exports only files that exist, without wildcards',
    (_, dir) => {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        exports?: Record<string, string>;
      };
      for (const [key, target] of Object.entries(pkg.exports ?? {})) {
        expect(key.includes('*'), `${key} is a wildcard`).toBe(false);
        if (existsSync(join(dir, 'src')))
          expect(existsSync(join(dir, target)), `${key} → ${target}`).toBe(true);
      }
    },
  );

  it('exports every src/<folder>/index.ts of @cts/core under ./<folder>', () => {
    const core = join(root, 'packages/core');
    const pkg = JSON.parse(readFileSync(join(core, 'package.json'), 'utf8')) as {
      exports: Record<string, string>;
    };
    const folders = readdirSync(join(core, 'src')).filter(
      (f) => statSync(join(core, 'src', f)).isDirectory() && existsSync(join(core, 'src', f, 'index.ts')),
    );
    expect(folders.length).toBeGreaterThan(3);
    for (const folder of folders)
      expect(pkg.exports[`./${folder}`], `./${folder}`).toBe(`./src/${folder}/index.ts`);
  });
});
