// Measures what a newcomer waits for: the first start on an empty embedded database (initdb,
// migrations, demo school) and a later start, until /healthz answers; and staff sign-in latency
// (Argon2id) over loopback. Needs a build (`npm run build`). Prints figures; asserts nothing.
//   node bench/startup.js [--sign-ins 30]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { 'sign-ins': { type: 'string', default: '30' } } });
const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-bench-'));

const freePort = () =>
	new Promise((resolve) => {
		const s = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});

async function start() {
	const port = await freePort();
	const url = `http://localhost:${port}`;
	const began = performance.now();
	const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.js')], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			DATA_DIR: dataDir,
			DEMO: 'auto',
			DATABASE_URL: ''
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	let out = '';
	child.stdout.on('data', (c) => (out += c));
	for (;;) {
		try {
			if ((await fetch(`${url}/healthz`)).ok) break;
		} catch {
			/* not yet */
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	const ms = performance.now() - began;
	return { child, url, ms, out: () => out };
}

const stop = (child) =>
	new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')));

const first = await start();
// The banner's row "  teacher   <e-mail>  <password>".
const teacher = first.out().match(/^ {2}teacher +(\S+) +(\S+)$/m);
const signIns = [];
for (let i = 0; i < Number(values['sign-ins']); i++) {
	const began = performance.now();
	const response = await fetch(`${first.url}/sign-in`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'Content-Type': 'application/x-www-form-urlencoded',
			Origin: first.url,
			Accept: 'text/html'
		},
		body: new URLSearchParams({ email: teacher[1], password: teacher[2] })
	});
	if (response.status !== 303) throw new Error(`sign-in answered ${response.status}`);
	signIns.push(performance.now() - began);
}
await stop(first.child);
const second = await start();
await stop(second.child);
fs.rmSync(dataDir, { recursive: true, force: true });

signIns.sort((a, b) => a - b);
const pct = (p) =>
	signIns[Math.min(signIns.length - 1, Math.floor((p / 100) * signIns.length))].toFixed(1);
console.log(
	`first start (empty embedded database, demo load) to healthy: ${(first.ms / 1000).toFixed(2)} s`
);
console.log(
	`second start to healthy:                                  ${(second.ms / 1000).toFixed(2)} s`
);
console.log(
	`staff sign-in over loopback (Argon2id), ${signIns.length} in a row: p50 ${pct(50)} ms, p95 ${pct(95)} ms`
);
