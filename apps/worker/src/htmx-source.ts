/** htmx for the admin UI, bundled into the Worker as text (esbuild and wrangler read the `type: 'text'` attribute). */
import source from 'htmx.org/dist/htmx.min.js' with { type: 'text' };

export const htmxSource: string = source;
