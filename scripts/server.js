// The built portal as schools run it: adapter-node's server (`build/index.js`: HOST, PORT,
// ORIGIN, SHUTDOWN_TIMEOUT, …) with a request size that fits a roster file, plus the headers that
// every response needs, static files included. adapter-node serves `/_app/immutable/` and `static/` before SvelteKit's hooks run, so
// hooks alone cannot give those files `nosniff`, nor HSTS.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
// ./data, ./drizzle and the build are found from the project folder, wherever this is started from.
process.chdir(root);
// adapter-node reads BODY_SIZE_LIMIT as its server loads, before any of our code runs, and its
// own default (512K) is below the roster upload limit of 5 MB. config.ts checks a value set here
// (DEFAULT_BODY_SIZE_LIMIT there is the same).
if (!process.env.BODY_SIZE_LIMIT?.trim()) process.env.BODY_SIZE_LIMIT = '6M';
const { server } = await import(pathToFileURL(path.join(root, 'build', 'index.js')).href);

// Only an https ORIGIN means the portal is reached over TLS; on plain http HSTS would be ignored
// at best, and at worst lock a school out of a test host that has no certificate.
const https = /^https:\/\//i.test(process.env.ORIGIN ?? '');

// Runs before adapter-node's own handler for every request: its setHeader calls come later and
// win where they set the same header.
server.server.prependListener('request', (request, response) => {
	response.setHeader('X-Content-Type-Options', 'nosniff');
	if (https) response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	// A refused upload (too large) is answered before its body is in. Read the rest and throw it
	// away, so the browser still sending it gets our page, not a reset connection: SvelteKit
	// leaves a body it stopped reading paused, and Node then resets the socket under the sender.
	response.once('finish', () => {
		if (!request.complete) request.resume();
	});
});
