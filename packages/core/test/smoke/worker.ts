// The smoke suite as a Worker module, bundled by esbuild and run in workerd through miniflare.
import { runSmoke } from './smoke.ts';

export default {
  async fetch(): Promise<Response> {
    return Response.json(await runSmoke('workerd'));
  },
};
