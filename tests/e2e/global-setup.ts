/**
 * Starts one built portal per database with a fresh demo school and writes where it runs and
 * the demo credentials to .tmp/, for the specs. Returns the teardown that stops them.
 */
import fs from 'node:fs';
import { createPostgresDatabase, tempDir } from '../support/databases';
import { runCli, startServer, type RunningServer } from '../support/server';
import { e2eTargets, FAKE_NOW, stateFile } from './targets';

export default async function globalSetup() {
	if (!fs.existsSync('build/index.js')) throw new Error('Run `npm run build` before the browser tests.');
	fs.mkdirSync('.tmp', { recursive: true });
	const servers: RunningServer[] = [];
	const cleanups: (() => Promise<void>)[] = [];
	for (const target of e2eTargets()) {
		let env: Record<string, string>;
		if (target === 'postgres') {
			const created = await createPostgresDatabase('hb_e2e');
			cleanups.push(created.drop);
			env = { DATABASE_URL: created.url };
		} else {
			const dir = tempDir('hb-e2e');
			cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
			env = { DATA_DIR: dir };
		}
		// The browser tests play the autumn-2026 round: its clock starts on 15 October, so the
		// demo round runs from 19 October to 6 November, across the end of summer time.
		env.FAKE_NOW = FAKE_NOW;
		const cli = await runCli(['demo', '--json'], env);
		if (cli.status !== 0) throw new Error(`demo load failed: ${cli.stderr}`);
		// A second, empty school whose admin starts from the one-time setup link.
		const admin = await runCli(['create-admin', '--email', 'it@regenboog.example', '--name', 'Ilse Terpstra', '--school', 'Basisschool De Regenboog'], env);
		const setupPath = /\/setup\/[a-z2-7]+/.exec(admin.stdout)?.[0];
		if (admin.status !== 0 || !setupPath) throw new Error(`create-admin failed: ${admin.stderr}`);
		const server = await startServer(env);
		servers.push(server);
		fs.writeFileSync(stateFile(target), JSON.stringify({ url: server.url, demo: JSON.parse(cli.stdout), newSchool: { email: 'it@regenboog.example', setupPath } }));
	}
	return async () => {
		for (const server of servers) await server.stop();
		for (const cleanup of cleanups) await cleanup();
	};
}
