/**
 * Which methods a path answers to, from the route templates: a wrong method on a known path is 405 with an Allow
 * header, not 404.
 */
export interface AllowedMethods {
  /** The methods `path` answers to (HEAD beside GET), empty for an unknown path. */
  of(path: string): string[];
}

/** @example createAllowedMethods([['GET', '/api/settings/connections/:id']]).of('/api/settings/connections/x') // ['GET', 'HEAD'] */
export function createAllowedMethods(routes: Array<[method: string, template: string]>): AllowedMethods {
  const patterns = routes.map(([method, template]) => ({
    method: method.toUpperCase(),
    pattern: new RegExp(
      `^${template
        .split('/')
        .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/')}$`,
    ),
  }));
  return {
    of(path) {
      const methods = new Set<string>();
      for (const p of patterns)
        if (p.pattern.test(path)) {
          methods.add(p.method);
          if (p.method === 'GET') methods.add('HEAD');
        }
      return [...methods];
    },
  };
}
