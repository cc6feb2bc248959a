// What a parent's phone downloads for the booking pages: HTML, JavaScript and CSS, gzipped, as
// the built portal serves them (demo school on a fresh embedded database). A staff page is
// measured alongside for comparison. Prints figures; asserts nothing. Needs a build.
//   npx tsx bench/page-weight.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCli, startServer } from '../tests/support/server';

const FAKE_NOW = '2026-10-15T08:00:00Z';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-weight-'));
const env = { DATA_DIR: dataDir, DATABASE_URL: '', FAKE_NOW, ORIGIN: 'http://localhost:3000' };
const demo = await runCli(['demo', '--json'], env);
if (demo.status !== 0) throw new Error(demo.stderr);
const credentials = JSON.parse(demo.stdout) as {
	families: { url: string }[];
	newsletterUrl: string;
};
const server = await startServer({
	DATA_DIR: dataDir,
	DATABASE_URL: '',
	FAKE_NOW,
	LOG_LEVEL: 'warn'
});

const gz = (body: Uint8Array | string) => gzipSync(body).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function weigh(pathname: string) {
	const html = await (await fetch(server.url + pathname)).text();
	const assets = new Set<string>();
	for (const m of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+\.(?:js|css))"/g))
		assets.add(m[1]!);
	for (const m of html.matchAll(/import\("([^"]+\.js)"\)/g)) assets.add(m[1]!);
	let js = 0;
	let css = 0;
	for (const asset of assets) {
		const body = new Uint8Array(
			await (await fetch(new URL(asset, server.url + pathname))).arrayBuffer()
		);
		if (asset.endsWith('.js')) js += gz(body);
		else css += gz(body);
	}
	const inlineScripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
		.map((m) => m[1]!)
		.join('');
	return {
		html: gz(html),
		js: js + (inlineScripts ? gz(inlineScripts) : 0),
		css,
		files: assets.size
	};
}

try {
	const family = new URL(credentials.families[0]!.url).pathname;
	const pages = [
		['family page', family],
		['choose a time (home)', `${family}/book?place=home`],
		['no appointment', `${family}/decline`],
		['newsletter page', new URL(credentials.newsletterUrl).pathname],
		['staff sign-in (for comparison)', '/sign-in']
	] as const;
	console.log(
		'page'.padEnd(32),
		'HTML gz'.padStart(9),
		'JS gz'.padStart(9),
		'CSS gz'.padStart(9),
		'files'.padStart(6)
	);
	for (const [name, pathname] of pages) {
		const w = await weigh(pathname);
		console.log(
			name.padEnd(32),
			kb(w.html).padStart(9),
			kb(w.js).padStart(9),
			kb(w.css).padStart(9),
			String(w.files).padStart(6)
		);
	}
} finally {
	await server.stop();
	fs.rmSync(dataDir, { recursive: true, force: true });
}
