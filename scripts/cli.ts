/**
 * `npm run cli -- <command>`: tasks for school IT. Run from the project folder; it reads the
 * same environment variables as the server (DATABASE_URL, DATA_DIR, ORIGIN, ...) through the same
 * module, so links follow the server's rule: ORIGIN, else http://localhost:$PORT. Machine-readable
 * output goes to stdout alone; `npm run -s` keeps npm's own header lines off it.
 */
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from '../src/lib/server/config';
import { setLogLevel } from '../src/lib/server/log';
import { openDatabase, type DatabaseHandle } from '../src/lib/server/db';
import { DataDirInUseError } from '../src/lib/server/db/lock';
import { loadDemo } from '../src/lib/server/demo/load';
import { formatBanner } from '../src/lib/server/demo/start';
import { createAdmin } from '../src/lib/server/staff/create-admin';
import { now } from '../src/lib/server/clock';
import { startJobs } from '../src/lib/server/jobs/runner';
import { transportFor } from '../src/lib/server/mail/transport';
import { smsProviderFor } from '../src/lib/server/sms/provider';
import { drainOutbox } from '../src/lib/server/mail/worker';
import { applyRetention } from '../src/lib/server/privacy/retention';
import { backupCommand, restoreCommand } from './cli-backup';

const usage = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                      apply the database migrations
  demo [--json]                load the demo school (once) and print fresh demo passwords and links;
                               with --json, run it as npm run -s cli -- demo --json (npm prints
                               nothing of its own then) to get JSON alone
  create-admin --email <address> [--name <name>] [--school <school name>]
                               make this person an admin and print a one-time setup link
  worker [--once]              send queued mail (with MAIL_WORKER=off on the server); --once: send
                               what is due now, print a summary and stop
  retention                    apply the schools' retention settings now and clean up expired
                               sessions, links and old mail (the worker does this daily); prints counts
  backup [--out <file>]        copy the database to a file, by default
                               backups/huisbezoek-<date and time>.tar.gz (.dump for PostgreSQL);
                               the embedded database only while the portal is stopped, PostgreSQL
                               with pg_dump while it runs. The file holds children's data
  restore --from <file> [--force]
                               put a backup back (stop the portal first); refuses a database that
                               holds data unless --force (the embedded one is then kept beside it)
  help                         show this text

Environment: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded, default ./data); ORIGIN, else
http://localhost:$PORT, for links (give it the same PORT or ORIGIN as the server); SMTP_URL and
MAIL_FROM for mail.
`;

const createAdminMessages = {
	invalid_email: 'That is not a valid e-mail address.',
	school_required: 'There is no school yet: add --school "Name of the school".',
	school_ambiguous: 'There are several schools: say which with --school "Name of the school".',
	belongs_to_other_school: 'That address belongs to a staff member of another school.'
} as const;

async function run(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	if (!command || command === 'help' || command === '--help') {
		process.stdout.write(usage);
		return command ? 0 : 1;
	}
	const { values } = parseArgs({
		args: rest,
		options: {
			json: { type: 'boolean' },
			once: { type: 'boolean' },
			email: { type: 'string' },
			name: { type: 'string' },
			school: { type: 'string' },
			out: { type: 'string' },
			from: { type: 'string' },
			force: { type: 'boolean' }
		},
		strict: true
	});
	const known = ['migrate', 'demo', 'create-admin', 'worker', 'retention', 'backup', 'restore'];
	if (!known.includes(command)) {
		process.stderr.write(`Unknown command "${command}".\n\n${usage}`);
		return 1;
	}
	if (command === 'create-admin' && !values.email) {
		process.stderr.write('create-admin needs --email <address>.\n');
		return 1;
	}

	const settings = loadConfig();
	setLogLevel(settings.logLevel);
	// A backup opens the database its own way (PGlite's copy, or pg_dump), and a restore must not
	// migrate the database it is about to replace.
	if (command === 'backup') return backupCommand(settings, values.out);
	if (command === 'restore') return restoreCommand(settings, values.from, Boolean(values.force));
	const handle: DatabaseHandle = await openDatabase({
		databaseUrl: settings.databaseUrl,
		dataDir: settings.dataDir,
		role: 'command line'
	});
	try {
		await handle.migrate();
		if (command === 'migrate') {
			process.stdout.write(`Migrations applied (${handle.kind}).\n`);
		} else if (command === 'worker') {
			const deps = {
				db: handle.db,
				transport: transportFor(settings.smtpUrl),
				sms: smsProviderFor(settings.sms),
				origin: settings.origin,
				fromAddress: settings.mailFrom,
				now
			};
			if (values.once) {
				const result = await drainOutbox(deps);
				deps.transport.close();
				process.stdout.write(`${JSON.stringify(result)}\n`);
			} else {
				const worker = startJobs(deps);
				process.stdout.write(`Mail worker running (${deps.transport.name}); stop with Ctrl-C.\n`);
				await new Promise<void>((resolve) => {
					process.once('SIGINT', resolve);
					process.once('SIGTERM', resolve);
				});
				await worker.stop();
			}
		} else if (command === 'retention') {
			process.stdout.write(`${JSON.stringify(await applyRetention(handle.db, now()))}\n`);
		} else if (command === 'demo') {
			const { created, credentials } = await loadDemo(handle.db, {
				origin: settings.origin,
				now: now()
			});
			// The command line cannot see the PORT a server was started with: say what the links assume.
			process.stderr.write(
				`Links point at ${settings.origin.origin}; for a portal elsewhere, set the same PORT or ORIGIN as for the server.\n`
			);
			process.stdout.write(
				values.json
					? JSON.stringify({ created, ...credentials }, null, 2) + '\n'
					: formatBanner(credentials, created)
			);
		} else {
			const result = await createAdmin(handle.db, {
				email: values.email!,
				name: values.name,
				schoolName: values.school
			});
			if (!result.ok) {
				process.stderr.write(createAdminMessages[result.reason] + '\n');
				return 1;
			}
			const link = new URL(`/setup/${result.token}`, settings.origin);
			process.stdout.write(
				`${result.created ? 'Created' : 'Updated'} admin for ${result.schoolName}.\n` +
					`One-time link to set the password (give it only to that person): ${link}\n`
			);
		}
		return 0;
	} finally {
		await handle.close();
	}
}

try {
	process.exitCode = await run(process.argv.slice(2));
} catch (error) {
	if (error instanceof ConfigError || error instanceof DataDirInUseError) {
		process.stderr.write(error.message + '\n');
		process.exitCode = error instanceof DataDirInUseError ? 3 : 2;
	} else if (
		error instanceof TypeError &&
		(error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
	) {
		process.stderr.write(`${error.message}\n\n${usage}`);
		process.exitCode = 1;
	} else {
		throw error;
	}
}
