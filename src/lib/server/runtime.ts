/**
 * The server process's shared resources, opened lazily on first use and closed on shutdown.
 * Tests and the CLI open their own through `openDatabase` instead.
 */
import { config } from './config';
import { openDatabase, type DatabaseHandle } from './db';

let opening: Promise<DatabaseHandle> | undefined;

export function database(): Promise<DatabaseHandle> {
	if (!opening) {
		const { databaseUrl, dataDir } = config();
		opening = openDatabase({ databaseUrl, dataDir, role: 'server' });
		opening.catch(() => (opening = undefined));
	}
	return opening;
}

export async function closeRuntime(): Promise<void> {
	const current = opening;
	opening = undefined;
	if (current) await (await current).close();
}
