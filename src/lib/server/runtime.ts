/**
 * The server process's shared resources, opened lazily on first use and closed on shutdown.
 * Tests and the CLI open their own through `openDatabase` instead.
 *
 * Shutdown waits for the requests that are still being handled, not only for open sockets: a
 * client that gives up closes its socket while its handler still runs, and closing the database
 * under that handler would fail it. Once shutdown has begun the database is never opened again.
 */
import { config } from './config';
import { openDatabase, type DatabaseHandle } from './db';
import { log } from './log';

/** The server is stopping: a request that arrives now gets a 503 and comes back later. */
export class ShuttingDownError extends Error {
	constructor() {
		super('the server is shutting down');
		this.name = 'ShuttingDownError';
	}
}

let opening: Promise<DatabaseHandle> | undefined;
let stopping = false;
let inFlight = 0;
let idle: (() => void) | undefined;

export function database(): Promise<DatabaseHandle> {
	if (stopping) return Promise.reject(new ShuttingDownError());
	if (!opening) {
		const { databaseUrl, dataDir } = config();
		opening = openDatabase({ databaseUrl, dataDir, role: 'server' });
		opening.catch(() => (opening = undefined));
	}
	return opening;
}

/** Runs one request's handling, counted, so that shutdown can wait for it. */
export async function track<T>(work: () => Promise<T>): Promise<T> {
	inFlight++;
	try {
		return await work();
	} finally {
		inFlight--;
		if (inFlight === 0) idle?.();
	}
}

/** How many requests this process is handling now: background work waits for none (jobs/runner.ts). */
export const requestsInFlight = () => inFlight;

/** Resolves when no request is being handled, or after `ms`; returns how many were still running. */
function settled(ms: number): Promise<number> {
	if (inFlight === 0) return Promise.resolve(0);
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(inFlight), ms);
		idle = () => {
			clearTimeout(timer);
			resolve(0);
		};
	});
}

export interface ShutdownOptions {
	reason: string;
	/** How long running requests get to finish. */
	graceMs?: number;
	/** Stops the background work (the mail worker) while the database is still open. */
	beforeClose?: () => Promise<void>;
	/** After closing, the process exits even if something still holds the event loop. */
	exitAfterMs?: number;
}

export async function shutdownRuntime({
	reason,
	graceMs = 10_000,
	beforeClose,
	exitAfterMs = 3_000
}: ShutdownOptions): Promise<void> {
	if (stopping) return;
	stopping = true;
	log.info('shutdown_started', { reason, inFlight });
	const unfinished = await settled(graceMs);
	try {
		await beforeClose?.();
	} finally {
		const current = opening;
		opening = undefined;
		if (current) await (await current.catch(() => undefined))?.close();
		log.info('shutdown', { reason, unfinished });
		// Every resource is closed; a stray timer or socket must not keep a stopped server alive.
		setTimeout(() => process.exit(0), exitAfterMs).unref();
	}
}
