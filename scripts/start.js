// `npm start`: builds the portal when the build is missing or older than the sources, then runs
// the built server with defaults that work on a laptop (port 3000, embedded database in ./data).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(import.meta.dirname, '..');
const stamp = path.join(root, 'build', '.build-stamp');
const sources = ['src', 'messages', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];
process.chdir(root);

// The server's own rules (ORIGIN, else http://localhost:$PORT; blank means unset), read through
// the module the server and the command line use, so that all three agree on every value. It runs
// before the build: a typo stops the start at once, not half a minute later.
const { loadConfig, ConfigError } = await tsImport('../src/lib/server/config.ts', import.meta.url);
// `npm start` is the newcomer's command: a demo school unless DEMO says otherwise. A school's
// server (`node scripts/server.js`) gets none unless asked.
process.env.DEMO ||= 'auto';
let settings;
try {
	settings = loadConfig();
} catch (error) {
	if (!(error instanceof ConfigError)) throw error;
	console.error(error.message);
	process.exit(2);
}
// adapter-node reads these itself: it refuses form posts whose Origin differs from ORIGIN and,
// without ORIGIN, assumes https.
process.env.PORT = String(settings.port);
process.env.HOST = settings.host;
process.env.ORIGIN = settings.origin.origin;

function newest(entry) {
	const stat = fs.statSync(entry, { throwIfNoEntry: false });
	if (!stat) return 0;
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(
		stat.mtimeMs,
		...fs.readdirSync(entry).map((name) => newest(path.join(entry, name)))
	);
}

/**
 * Vite, rolldown and the adapter print tips and timings meant for the portal's developers; a
 * newcomer gets one line. Both streams go to one file so that, when the build fails, its whole
 * output is shown in the order it was written.
 */
function build() {
	process.stdout.write('Building the portal (once, under a minute)… ');
	const started = Date.now();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huisbezoek-build-'));
	const logFile = path.join(dir, 'build.log');
	const fd = fs.openSync(logFile, 'w');
	let result;
	try {
		result = spawnSync(
			process.execPath,
			[path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
			{
				cwd: root,
				stdio: ['ignore', fd, fd]
			}
		);
	} finally {
		fs.closeSync(fd);
	}
	const output = fs.readFileSync(logFile, 'utf8');
	fs.rmSync(dir, { recursive: true, force: true });
	if (result.status !== 0) {
		process.stdout.write('failed:\n\n');
		process.stderr.write(output + (result.error ? `${result.error.message}\n` : ''));
		process.exit(result.status || 1);
	}
	fs.writeFileSync(stamp, new Date().toISOString());
	process.stdout.write(`done in ${Math.round((Date.now() - started) / 1000)} s.\n`);
}

const built = fs.statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (built < Math.max(...sources.map((s) => newest(path.join(root, s))))) build();

console.log(
	`Starting Huisbezoek on ${settings.origin.origin} (${settings.databaseUrl ? 'PostgreSQL' : 'embedded database in ' + settings.dataDir})`
);
await import(pathToFileURL(path.join(root, 'scripts', 'server.js')).href);
