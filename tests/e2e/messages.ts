/** The portal's own texts in a language, to find controls by the names a parent hears and reads. */
import fs from 'node:fs';
import path from 'node:path';
import type nl from '../../messages/nl.json';

export type Messages = typeof nl;

export function messages(lang: string): Messages {
	return JSON.parse(fs.readFileSync(path.resolve('messages', `${lang}.json`), 'utf8')) as Messages;
}
