// Run after every install (package.json "postinstall"): mends a bug in postgres.js 3.4.9 that
// kills the portal when PostgreSQL goes away in the middle of a transaction.
//
// postgres.js sends small writes a tick later (setImmediate). When the connection closes first,
// `closed()` sets the socket to null and the transaction's ROLLBACK is written to it anyway:
// `TypeError: Cannot read properties of null (reading 'write')`, thrown from a timer, which no
// try/catch reaches, and the process exits. Teardown also clears that timer without forgetting
// it, so a connection that closed with a write pending never writes again.
// Upstream: porsager/postgres#1154, #1208, pull requests #1168 and #1209 (open, not released).
// This applies the guard of #1209 (settle the query with CONNECTION_CLOSED instead of dropping
// it: a dropped write would leave the request waiting for ever) and forgets the timer on
// teardown. It changes nothing when the code it expects is not there (a fixed release).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const MARK = '/* huisbezoek: guarded nextWrite */';

const edits = [
	[
		'  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
		`  function nextWrite(fn) {\n    ${MARK}\n    if (socket === null) {\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`
	],
	[
		'    clearImmediate(nextWriteTimer)\n    if (socket) {',
		'    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {'
	],
	[
		'    clearImmediate(nextWriteTimer)\n    socket.removeListener',
		'    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener'
	]
];

/** Patches one copy of connection.js; returns what it did. */
export function patchConnection(file) {
	if (!fs.existsSync(file)) return 'absent';
	const source = fs.readFileSync(file, 'utf8');
	if (source.includes(MARK)) return 'already patched';
	if (!edits.every(([from]) => source.split(from).length === 2)) return 'not the expected code';
	const patched = edits.reduce((text, [from, to]) => text.replace(from, to), source);
	fs.writeFileSync(file, patched);
	return 'patched';
}

export const connectionFiles = ['src', 'cjs/src', 'cf/src'].map((dir) =>
	path.join(root, 'node_modules', 'postgres', dir, 'connection.js')
);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	for (const file of connectionFiles) {
		const result = patchConnection(file);
		if (result !== 'absent' && result !== 'already patched')
			console.log(`postgres.js ${path.relative(root, file)}: ${result}`);
	}
}
