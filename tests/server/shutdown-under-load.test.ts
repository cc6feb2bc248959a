/**
 * SIGTERM while requests are still being handled, as a deploy or a restart does it: 16 clients
 * hammer the choose-a-time page, give up all at once, and the server is told to stop. Every
 * handler that had started must finish on an open database, the database must not be opened
 * again, and the process must exit within a bounded time with nothing left connected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { databaseKinds, createPostgresDatabase, tempDir } from '../support/databases';
import { runCli, startServer, type RunningServer } from '../support/server';
import type { DemoCredentials } from '../../src/lib/server/demo/load';

const CONNECTIONS = 16;

describe.each(databaseKinds)('stopping under load on %s', (kind) => {
	let server: RunningServer;
	let demo: DemoCredentials;
	let databaseUrl: string | null = null;
	let dropDatabase: (() => Promise<void>) | undefined;

	beforeAll(async () => {
		let env: Record<string, string>;
		if (kind === 'postgres') {
			const created = await createPostgresDatabase('hb_shutdown');
			databaseUrl = created.url;
			env = { DATABASE_URL: created.url };
			dropDatabase = created.drop;
		} else {
			env = { DATA_DIR: tempDir('hb-shutdown') };
		}
		const cli = await runCli(['demo', '--json'], env);
		expect(cli.status, cli.stderr).toBe(0);
		demo = JSON.parse(cli.stdout) as DemoCredentials;
		server = await startServer(env);
	});

	afterAll(async () => {
		await server?.stop('SIGKILL');
		await dropDatabase?.();
	});

	it('finishes the requests it started, exits within the bound, and leaves no connection open', async () => {
		const family = demo.families.find((f) => f.teacher === 'Jeroen Bos') ?? demo.families[0]!;
		const page = `${server.url}${new URL(family.url).pathname}/book?place=school`;
		expect((await fetch(page)).status).toBe(200);

		// Sixteen clients, each loading the page again and again, until they all give up at once.
		const abort = new AbortController();
		const clients = Array.from({ length: CONNECTIONS }, async () => {
			while (!abort.signal.aborted) {
				try {
					await (await fetch(page, { signal: abort.signal })).text();
				} catch {
					return;
				}
			}
		});
		await new Promise((resolve) => setTimeout(resolve, 1500));
		abort.abort();
		const stopped = Date.now();
		const exited = new Promise<number | null>((resolve) =>
			server.process.once('exit', (code) => resolve(code))
		);
		server.process.kill('SIGTERM');
		await Promise.all(clients);
		const timer = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 20_000));
		const code = await Promise.race([exited, timer]);
		const output = server.output();
		expect(code, output.slice(-3000)).toBe(0);
		expect(Date.now() - stopped).toBeLessThan(20_000);

		const lines = output
			.split('\n')
			.filter((l) => l.startsWith('{'))
			.map((l) => JSON.parse(l) as Record<string, unknown>);
		// Nothing failed, and no request was answered with a server error.
		expect(lines.filter((l) => l.level === 'error')).toEqual([]);
		expect(lines.filter((l) => l.event === 'request' && Number(l.status) >= 500)).toEqual([]);
		// Handlers were still running when the stop came, and all of them finished.
		const shutdown = lines.find((l) => l.event === 'shutdown_started');
		expect(shutdown, output.slice(-2000)).toBeTruthy();
		expect(lines.find((l) => l.event === 'shutdown')).toMatchObject({ unfinished: 0 });

		if (databaseUrl) {
			// The database was let go and not opened again: nobody is connected to it any more.
			const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
			try {
				const [row] =
					await admin`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
				expect(row!.n).toBe(0);
			} finally {
				await admin.end();
			}
		}
	});
});
