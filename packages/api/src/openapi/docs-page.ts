/**
 * A self-contained HTML page (no CDN, no script) that renders the OpenAPI document's operations:
 * method, path, role, parameters, request body and responses with their JSON schemas.
 */

type Json = Record<string, unknown>;

function esc(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function schemaBlock(schema: unknown): string {
  return `<details><summary>schema</summary><pre>${esc(JSON.stringify(schema, null, 2))}</pre></details>`;
}

function operationHtml(method: string, path: string, op: Json): string {
  const params = (op['parameters'] ?? []) as Json[];
  const body = op['requestBody'] as Json | undefined;
  const responses = (op['responses'] ?? {}) as Record<string, Json>;
  const bodySchema = (body?.['content'] as Record<string, Json> | undefined)?.['application/json']?.[
    'schema'
  ];
  return `<section class="op" id="${esc(op['operationId'])}">
<h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${esc(op['summary'])}</p>${op['description'] ? `<p class="d">${esc(op['description'])}</p>` : ''}
<p class="role">Role: ${esc(op['x-required-role'])}</p>
${
  params.length
    ? `<table><tr><th>parameter</th><th>in</th><th>required</th><th>description</th></tr>${params
        .map(
          (p) =>
            `<tr><td><code>${esc(p['name'])}</code></td><td>${esc(p['in'])}</td><td>${p['required'] ? 'yes' : 'no'}</td><td>${esc(p['description'] ?? '')}</td></tr>`,
        )
        .join('')}</table>`
    : ''
}
${bodySchema ? `<h4>Request body</h4>${schemaBlock(bodySchema)}` : ''}
<h4>Responses</h4><ul>${Object.entries(responses)
    .map(([status, r]) => {
      const content = r['content'] as Record<string, Json> | undefined;
      const first = content ? Object.values(content)[0]?.['schema'] : undefined;
      return `<li><b>${esc(status)}</b> ${esc(r['description'])}${first ? schemaBlock(first) : ''}</li>`;
    })
    .join('')}</ul></section>`;
}

/** Renders the docs page for an OpenAPI document. */
export function renderDocsPage(doc: Json): string {
  const info = doc['info'] as Json;
  const paths = doc['paths'] as Record<string, Record<string, Json>>;
  const ops: string[] = [];
  const toc: string[] = [];
  for (const [path, methods] of Object.entries(paths))
    for (const [method, op] of Object.entries(methods)) {
      ops.push(operationHtml(method, path, op));
      toc.push(
        `<li><a href="#${esc(op['operationId'])}"><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> ${esc(path)}</a></li>`,
      );
    }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(info['title'])} — API docs</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:14px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem;color:#222}
code,pre{font-family:ui-monospace,monospace}pre{background:#f6f8fa;padding:.5rem;overflow:auto;max-height:24rem}
.op{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}.m{display:inline-block;min-width:4rem;
text-align:center;border-radius:4px;color:#fff;font-weight:600;font-size:12px;padding:1px 4px}.get{background:#2b7de9}
.post{background:#1a9e55}.patch{background:#c77c02}.delete{background:#d33}table{border-collapse:collapse}
td,th{border:1px solid #ddd;padding:2px 6px;text-align:left}.role{color:#555}ul.toc{list-style:none;padding:0}
ul.toc a{text-decoration:none;color:inherit}</style></head><body>
<h1>${esc(info['title'])} <small>${esc(info['version'])}</small></h1><p>${esc(info['description'])}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${esc(doc['openapi'])}).</p>
<ul class="toc">${toc.join('')}</ul>${ops.join('\n')}</body></html>`;
}
