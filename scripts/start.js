// `npm start`: builds the portal when the build is missing or older than the sources, then runs
// the built server with defaults that work on a laptop (port 3000, embedded database in ./data).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const stamp = path.join(root, 'build', '.build-stamp');
const sources = ['src', 'messages', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];

function newest(entry) {
	const stat = fs.statSync(entry, { throwIfNoEntry: false });
	if (!stat) return 0;
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newest(path.join(entry, name))));
}

const built = fs.statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (built < Math.max(...sources.map((s) => newest(path.join(root, s))))) {
	console.log('Building the portal (once, about half a minute)…');
	const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
	fs.writeFileSync(stamp, new Date().toISOString());
}

process.chdir(root);
process.env.PORT ||= '3000';
// adapter-node refuses form posts whose Origin differs from ORIGIN; without it, it assumes https.
process.env.ORIGIN ||= `http://localhost:${process.env.PORT}`;
console.log(`Starting Huisbezoek on ${process.env.ORIGIN} (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded database in ' + (process.env.DATA_DIR || 'data')})`);
await import(pathToFileURL(path.join(root, 'build', 'index.js')).href);
