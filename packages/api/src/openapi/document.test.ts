import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../routes/index.ts';
import { buildOpenApiDocument, openApiPath } from './document.ts';

// biome-ignore lint/suspicious/noExplicitAny: the document is inspected freely
type Json = Record<string, any>;

describe('buildOpenApiDocument', () => {
  const doc = buildOpenApiDocument(API_ROUTES) as Json;

  it('lists every route once, with unique operation ids', () => {
    const ids = API_ROUTES.map((r) => r.spec.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { spec } of API_ROUTES)
      expect(doc.paths[openApiPath(spec.path)][spec.method].operationId).toBe(spec.operationId);
  });

  it('documents optional action bodies as optional and create bodies as required', () => {
    expect(doc.paths['/api/settings/connections/{id}/pause'].post.requestBody.required).toBe(false);
    expect(doc.paths['/api/settings/connections'].post.requestBody.required).toBe(true);
  });

  it('documents the streamed test (?stream=1) beside its JSON reply', () => {
    const op = doc.paths['/api/settings/connections/{id}/test'].post;
    expect(Object.keys(op.responses['200'].content)).toEqual(['application/json', 'text/event-stream']);
    expect(op.parameters).toContainEqual(expect.objectContaining({ name: 'stream', in: 'query' }));
  });

  it('marks public operations and documents the error body on every operation', () => {
    for (const methods of Object.values(doc.paths) as Json[])
      for (const op of Object.values(methods) as Json[]) {
        expect(op.responses['500'].content['application/json'].schema.properties.error.required).toContain(
          'requestId',
        );
        expect(['admin', 'viewer or admin']).toContain(op['x-required-role']);
      }
  });
});
