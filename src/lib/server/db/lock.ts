/**
 * PGlite has no lock between processes: a second process that opens the same data folder writes
 * into it silently and its writes are lost. Whoever opens the embedded database first takes this
 * lock file; everyone else is refused with a message that says who holds it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirInUseError extends Error {
	constructor(
		readonly dataDir: string,
		readonly holder: { pid: number; role: string }
	) {
		super(
			`The embedded database in ${dataDir} is in use by the ${holder.role} (process ${holder.pid}). ` +
				'Stop it first, or set DATABASE_URL to use PostgreSQL, which several processes can share.'
		);
		this.name = 'DataDirInUseError';
	}
}

interface LockContent {
	pid: number;
	role: string;
	host: string;
}

const LOCK_NAME = 'huisbezoek.lock';

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function readLock(file: string): LockContent | null {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as LockContent;
	} catch {
		return null;
	}
}

/** Takes the lock or throws DataDirInUseError; returns the function that releases it. */
export function lockDataDir(dataDir: string, role: string): () => void {
	fs.mkdirSync(dataDir, { recursive: true });
	const file = path.join(dataDir, LOCK_NAME);
	const content: LockContent = { pid: process.pid, role, host: os.hostname() };
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			fs.writeFileSync(file, JSON.stringify(content), { flag: 'wx' });
			let released = false;
			return () => {
				if (released) return;
				released = true;
				const current = readLock(file);
				if (current?.pid === process.pid) fs.rmSync(file, { force: true });
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = readLock(file);
			// A lock left by a crashed process on this machine is stale; one from another machine
			// (a shared folder) cannot be checked and is respected.
			const stale =
				holder === null ||
				(holder.host === os.hostname() && holder.pid !== process.pid && !isAlive(holder.pid));
			if (!stale) throw new DataDirInUseError(dataDir, holder ?? { pid: 0, role: 'unknown' });
			fs.rmSync(file, { force: true });
		}
	}
	throw new Error('Could not take the data folder lock');
}
