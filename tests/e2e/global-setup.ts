/**
 * Starts one built portal per database with a fresh demo school and writes where it runs and
 * the demo credentials to .tmp/, for the specs. Returns the teardown that stops them.
 */
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { createPostgresDatabase, tempDir } from '../support/databases';
import { runCli, startServer, type RunningServer } from '../support/server';
import { startSmsRecorder } from '../support/sms-recorder';
import { startMailRecorder } from '../support/mail-recorder';
import { openDatabase, rowsOf } from '../../src/lib/server/db';
import { e2eTargets, FAKE_NOW, stateFile } from './targets';

export default async function globalSetup() {
	if (!fs.existsSync('build/index.js'))
		throw new Error('Run `npm run build` before the browser tests.');
	fs.mkdirSync('.tmp', { recursive: true });
	const servers: RunningServer[] = [];
	const cleanups: (() => Promise<void>)[] = [];
	// One stand-in SMS provider for both servers: a spec finds its texts by its server's address.
	const sms = await startSmsRecorder();
	cleanups.push(sms.stop);
	const smsEnv = {
		SMS_PROVIDER: 'messagebird',
		SMS_API_KEY: 'e2e-key',
		SMS_FROM: 'Spitsbergen',
		SMS_API_URL: sms.url
	};
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
		const admin = await runCli(
			[
				'create-admin',
				'--email',
				'it@regenboog.example',
				'--name',
				'Ilse Terpstra',
				'--school',
				'Basisschool De Regenboog'
			],
			env
		);
		const setupPath = /\/setup\/[a-z2-7]+/.exec(admin.stdout)?.[0];
		if (admin.status !== 0 || !setupPath) throw new Error(`create-admin failed: ${admin.stderr}`);
		const counts = await countDemoAnswers(env);
		// A real mail server for each portal, as a school has: mail is sent, not kept in the
		// Mailbox (where a personal link would be erased), and a spec reads it from the recorder.
		const mail = await startMailRecorder();
		cleanups.push(mail.stop);
		const mailEnv = { SMTP_URL: mail.smtpUrl, MAIL_FROM: 'huisbezoek@spitsbergen.example' };
		const server = await startServer({ ...env, ...smsEnv, ...mailEnv });
		servers.push(server);
		fs.writeFileSync(
			stateFile(target),
			JSON.stringify({
				url: server.url,
				demo: JSON.parse(cli.stdout),
				newSchool: { email: 'it@regenboog.example', setupPath },
				sms: sms.url,
				mail: mail.url,
				counts
			})
		);
	}
	return async () => {
		for (const server of servers) await server.stop();
		for (const cleanup of cleanups) await cleanup();
	};
}

/**
 * The demo rounds' figures counted in plain SQL, before the server starts (PGlite admits one
 * process at a time): the evaluation page must show the same.
 */
async function countDemoAnswers(env: Record<string, string>) {
	const handle = await openDatabase({
		databaseUrl: env.DATABASE_URL ?? null,
		dataDir: env.DATA_DIR ?? '',
		role: 'e2e setup'
	});
	try {
		const result = await handle.db.execute(sql`
			with r as (select id, name, include_new_pupils from visit_round),
			fams as (select distinct r.id as round_id, p.family_id from r join pupil p
				on p.group_id in (select group_id from visit_round_group where round_id = r.id) or (r.include_new_pupils and p.is_new)),
			answers as (select fams.round_id, b.status, b.location, b.interpreter_language from fams
				left join booking b on b.family_id = fams.family_id and b.round_id = fams.round_id and b.status <> 'cancelled')
			select r.name,
				(select count(*) from answers a where a.round_id = r.id) as invited,
				(select count(*) from answers a where a.round_id = r.id and a.status = 'booked') as booked,
				(select count(*) from answers a where a.round_id = r.id and a.location = 'home') as home,
				(select count(*) from answers a where a.round_id = r.id and a.location = 'school') as school,
				(select count(*) from answers a where a.round_id = r.id and a.location = 'neutral') as neutral,
				(select count(*) from answers a where a.round_id = r.id and a.status = 'booked' and a.location <> 'home') as declined_home,
				(select count(*) from answers a where a.round_id = r.id and a.status = 'declined') as declined,
				(select count(*) from answers a where a.round_id = r.id and a.status is null) as not_reached,
				(select count(*) from answers a where a.round_id = r.id and a.status = 'booked' and a.interpreter_language = 'ar') as arabic
			from r`);
		return Object.fromEntries(
			rowsOf<Record<string, string | number>>(result).map((row) => [
				row.name,
				Object.fromEntries(
					Object.entries(row)
						.filter(([k]) => k !== 'name')
						.map(([k, v]) => [k, Number(v)])
				)
			])
		);
	} finally {
		await handle.close();
	}
}
