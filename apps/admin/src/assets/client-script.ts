import { LIVE_SCRIPT } from './client/live.ts';
import { TEST_STREAM_SCRIPT } from './client/test-stream.ts';
import { UI_SCRIPT } from './client/ui.ts';

/**
 * The UI's own script, served as /assets/admin.js (the CSP allows no inline script or handler): dialogs, confirm
 * dialogs, flashes, select-all, relative times (ui), live regions polled with ETags (live), tests streamed from the
 * server (test-stream). Plain ES5-style functions in one scope, loaded with `defer` after htmx.
 */
export const CLIENT_SCRIPT = `'use strict';
(function () {
${UI_SCRIPT}
${TEST_STREAM_SCRIPT}
${LIVE_SCRIPT}
})();
`;
