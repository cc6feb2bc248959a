import fs from 'node:fs';
import nodeAdapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * adapter-node, plus defaults set before its server loads. It reads BODY_SIZE_LIMIT once, as
 * `build/index.js` starts and before any of our code runs, and its own default (512K) is below
 * the roster upload limit of 5 MB. Schools run `node build` as well as `npm start`, so the
 * default belongs in the build's entry: Kit's `instrument` puts a file in front of it.
 * src/lib/server/config.ts checks the value (DEFAULT_BODY_SIZE_LIMIT there is the same 6M).
 * @param {import('@sveltejs/adapter-node').AdapterOptions & { out: string }} options
 * @returns {import('@sveltejs/kit').Adapter}
 */
function adapter(options) {
	const node = nodeAdapter(options);
	return {
		...node,
		/** @param {import('@sveltejs/kit').Builder} builder */
		async adapt(builder) {
			await node.adapt(builder);
			const defaults = `${options.out}/defaults.js`;
			fs.writeFileSync(defaults, "if (!process.env.BODY_SIZE_LIMIT?.trim()) process.env.BODY_SIZE_LIMIT = '6M';\n");
			builder.instrument({ entrypoint: `${options.out}/index.js`, instrumentation: defaults, module: { exports: ['path', 'host', 'port', 'server'] } });
		}
	};
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// SvelteKit's CSRF origin check stays on: a form POST must carry our own Origin. Browsers
		// send the literal origin "null" for same-origin form posts from pages whose
		// Referrer-Policy is no-referrer (ours, so that family tokens never leak). That one value is
		// let through here and checked in hooks.server.ts against Sec-Fetch-Site instead.
		csrf: { trustedOrigins: ['null'] },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['none'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
