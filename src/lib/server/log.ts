/**
 * Structured logs, one JSON object a line. Callers pass event names and technical fields only:
 * never a name, an e-mail address, an IP address, a URL with a token, or a free text a person typed.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// config.ts reads LOG_LEVEL; the server and the command line set it at start.
let threshold: Level = 'info';

export function setLogLevel(level: Level) {
	threshold = level;
}

export type LogFields = Record<string, string | number | boolean | null | undefined>;

function write(level: Level, event: string, fields: LogFields = {}) {
	if (order[level] < order[threshold]) return;
	const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
	(level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
}

export const log = {
	debug: (event: string, fields?: LogFields) => write('debug', event, fields),
	info: (event: string, fields?: LogFields) => write('info', event, fields),
	warn: (event: string, fields?: LogFields) => write('warn', event, fields),
	error: (event: string, fields?: LogFields) => write('error', event, fields)
};

/** An error's class and code, without its message: driver messages can quote submitted values. */
export function errorFields(error: unknown): LogFields {
	if (error instanceof Error) {
		const code =
			(error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
		return { error: error.name, code: typeof code === 'string' ? code : undefined };
	}
	return { error: typeof error };
}
