/**
 * With DB_LOG_QUERIES=<file>, every statement's SQL text is appended to that file, one a line:
 * how bench/scale.ts finds the queries a page runs, to EXPLAIN them. Only the text with its
 * $1, $2 placeholders is written, never the parameters: they hold names, addresses and tokens.
 */
import fs from 'node:fs';
import type { Logger } from 'drizzle-orm/logger';

export function queryLogger(): Logger | undefined {
	const file = process.env.DB_LOG_QUERIES;
	if (!file) return undefined;
	return {
		logQuery(query: string) {
			fs.appendFileSync(file, oneLine(query) + '\n');
		}
	};
}

/**
 * A statement on one line that runs as the original does. Its `--` comments go first: on one line
 * a comment would swallow the rest of the statement (the office's shortage query has one).
 * Our statements pass values as parameters, so no string literal holds a `--`.
 */
export const oneLine = (query: string): string =>
	query
		.replace(/--[^\n]*/g, '')
		.replace(/\s+/g, ' ')
		.trim();
