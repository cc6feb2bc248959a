/** `cli backup` and `cli restore`: what school IT reads, around `src/lib/server/db/backup.ts`. */
import type { Config } from '../src/lib/server/config';
import { DataDirInUseError } from '../src/lib/server/db/lock';
import {
	backupEmbedded,
	backupPostgres,
	defaultBackupFile,
	restoreEmbedded,
	restorePostgres,
	type BackupOutcome,
	type RestoreOutcome
} from '../src/lib/server/db/backup';
import { now } from '../src/lib/server/clock';

const say = (text: string) => process.stdout.write(text + '\n');
const complain = (text: string) => process.stderr.write(text + '\n');

/** The outcome, or the exit code of a refusal while the portal holds the embedded database. */
async function unlessInUse<T>(
	action: 'backup' | 'restore',
	work: () => Promise<T>
): Promise<T | number> {
	try {
		return await work();
	} catch (error) {
		if (error instanceof DataDirInUseError) return refusedInUse(error, action);
		throw error;
	}
}

function refusedInUse(error: DataDirInUseError, action: 'backup' | 'restore'): number {
	complain(
		`The portal (process ${error.holder.pid}, ${error.holder.role}) is using the embedded database in ${error.dataDir}.\n` +
			(action === 'backup'
				? 'A copy taken under a running portal could be half old, half new, so none was made.\n' +
					'To make one: stop the portal (Ctrl-C), run `npm run cli -- backup`, start it again.\n' +
					'It takes a few seconds. To back up while the portal runs, use PostgreSQL (DATABASE_URL) and pg_dump.'
				: 'Stop the portal first, then run the restore again.')
	);
	return 3;
}

export async function backupCommand(settings: Config, out: string | undefined): Promise<number> {
	const kind = settings.databaseUrl ? 'postgres' : 'pglite';
	const file = out ?? defaultBackupFile(kind, now());
	const outcome: BackupOutcome | number = await unlessInUse('backup', () =>
		settings.databaseUrl
			? backupPostgres(settings.databaseUrl, file)
			: backupEmbedded(settings.dataDir, file)
	);
	if (typeof outcome === 'number') return outcome;
	if (!outcome.ok) {
		complain(
			outcome.problem === 'no_database'
				? `There is no embedded database in ${outcome.detail} to back up.`
				: outcome.problem === 'tool_missing'
					? 'pg_dump is not installed here. Install the PostgreSQL client (apt-get install postgresql-client), or run on a machine that has it:\n' +
						'  pg_dump --format=custom --file=huisbezoek.dump "$DATABASE_URL"'
					: `pg_dump failed: ${outcome.detail}`
		);
		return outcome.problem === 'no_database' ? 1 : 2;
	}
	say(
		`Backup written: ${outcome.file} (${Math.ceil(outcome.bytes / 1024)} KB).\n` +
			"It holds children's and parents' personal data: keep it on the school's own encrypted storage, readable only by IT,\n" +
			'and delete it when it is older than the shortest retention period in Privacy (see the README).'
	);
	return 0;
}

export async function restoreCommand(
	settings: Config,
	from: string | undefined,
	force: boolean
): Promise<number> {
	if (!from) {
		complain('restore needs --from <file>.');
		return 1;
	}
	const outcome: RestoreOutcome | number = await unlessInUse('restore', () =>
		settings.databaseUrl
			? restorePostgres(settings.databaseUrl, from, { force })
			: restoreEmbedded(settings.dataDir, from, { force, now: now() })
	);
	if (typeof outcome === 'number') return outcome;
	if (!outcome.ok) {
		complain(
			outcome.problem === 'not_empty'
				? `The database (${outcome.detail}) already holds data; nothing was changed.\n` +
						'To replace it with the backup, run the restore again with --force' +
						(settings.databaseUrl
							? ' (make a backup of it first).'
							: ' (the current data folder is kept beside it).')
				: outcome.problem === 'no_file'
					? `There is no file ${outcome.detail}.`
					: outcome.problem === 'tool_missing'
						? 'pg_restore is not installed here. Install the PostgreSQL client (apt-get install postgresql-client), or run:\n' +
							`  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" ${from}`
						: `pg_restore failed: ${outcome.detail}`
		);
		return outcome.problem === 'not_empty' ? 3 : outcome.problem === 'no_file' ? 1 : 2;
	}
	say(
		`Restored from ${from}.` +
			(outcome.replacedKeptAt
				? `\nThe data it replaced is in ${outcome.replacedKeptAt}: delete that folder once the portal works.`
				: '')
	);
	return 0;
}
