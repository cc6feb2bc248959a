/** Runs the built portal as a real process, as `npm start` does (`scripts/server.js`), for tests and benchmarks. */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export interface RunningServer {
	url: string;
	process: ChildProcess;
	/** Everything the server printed so far, stdout and stderr together. */
	output(): string;
	stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startServer(
	env: Record<string, string>,
	options: {
		timeoutMs?: number;
		/** Options for node itself, such as `--cpu-prof`. */ nodeArgs?: string[];
		/** Another checkout's build (bench/before-after.ts); this project's by default. */
		root?: string;
	} = {}
): Promise<RunningServer> {
	const port = await freePort();
	const url = `http://localhost:${port}`;
	let output = '';
	const child = spawn(
		process.execPath,
		[...(options.nodeArgs ?? []), path.join(options.root ?? root, 'scripts', 'server.js')],
		{
			cwd: options.root ?? root,
			// The test clock (FAKE_NOW) is allowed here, and only here: this is a test harness.
			env: {
				...process.env,
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: url,
				DEMO: 'off',
				LOG_LEVEL: 'info',
				FAKE_NOW_ALLOWED: 'yes',
				...env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);

	const deadline = Date.now() + (options.timeoutMs ?? 60_000);
	for (;;) {
		if (child.exitCode !== null)
			throw new Error(`server exited with ${child.exitCode}:\n${output}`);
		try {
			const response = await fetch(`${url}/healthz`);
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`server did not become healthy:\n${output}`);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	return {
		url,
		process: child,
		output: () => output,
		async stop(signal = 'SIGTERM') {
			if (child.exitCode !== null) return child.exitCode;
			child.kill(signal);
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			const code = await exited;
			clearTimeout(timer);
			return code;
		}
	};
}

export interface CliResult {
	status: number | null;
	stdout: string;
	stderr: string;
}

/** `npm run cli -- ...` without npm in between, so the exit code is the CLI's own. */
export async function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
	const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [tsx, path.join(root, 'scripts', 'cli.ts'), ...args], {
			cwd: root,
			env: { ...process.env, FAKE_NOW_ALLOWED: 'yes', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c) => (stdout += c));
		child.stderr.on('data', (c) => (stderr += c));
		child.on('exit', (status) => resolve({ status, stdout, stderr }));
	});
}

/** Cookie header value from a fetch response's Set-Cookie lines. */
export function cookieJar(
	response: Response,
	jar = new Map<string, string>()
): Map<string, string> {
	for (const line of response.headers.getSetCookie()) {
		const [pair] = line.split(';');
		const [name, ...value] = pair!.split('=');
		const v = value.join('=');
		if (v === '' || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line))
			jar.delete(name!.trim());
		else jar.set(name!.trim(), v);
	}
	return jar;
}

export const cookieHeader = (jar: Map<string, string>) =>
	[...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** Signs a staff member in through the sign-in form, as a browser does: the Cookie header to send. */
export async function signInOverHttp(
	server: RunningServer,
	email: string,
	password: string
): Promise<string> {
	const response = await fetch(`${server.url}/sign-in`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'Content-Type': 'application/x-www-form-urlencoded',
			Accept: 'text/html',
			Origin: server.url
		},
		body: new URLSearchParams({ email, password })
	});
	if (response.status !== 303) throw new Error(`sign-in for ${email}: ${response.status}`);
	return cookieHeader(cookieJar(response));
}
