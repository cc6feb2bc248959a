/**
 * Reading a pupil administration's CSV export as schools have them: UTF-8 with or without a
 * byte-order mark, or Windows-1252 (Excel on Dutch Windows); semicolons (Dutch Excel), commas
 * or tabs; quoted fields with separators, quotes and line breaks inside.
 */

export type Encoding = 'utf-8' | 'windows-1252';

export interface ParsedCsv {
	encoding: Encoding;
	separator: ';' | ',' | '\t';
	header: string[];
	rows: string[][];
}

export const MAX_BYTES = 5 * 1024 * 1024;
export const MAX_ROWS = 5000;

export type CsvProblem = 'empty' | 'too_large' | 'too_many_rows' | 'binary' | 'no_header';

export function decode(bytes: Uint8Array): { text: string; encoding: Encoding } {
	const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
	try {
		return {
			text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)),
			encoding: 'utf-8'
		};
	} catch {
		// Not valid UTF-8: the other encoding Dutch schools' exports come in.
		return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
	}
}

function detectSeparator(firstLine: string): ParsedCsv['separator'] {
	const count = (c: string) => firstLine.split(c).length - 1;
	const candidates: ParsedCsv['separator'][] = [';', '\t', ','];
	return candidates.reduce((best, c) => (count(c) > count(best) ? c : best), ';');
}

/** RFC 4180 fields: "…" quotes, "" for a quote inside, separators and line breaks inside quotes. */
function parseRows(text: string, separator: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted) {
			if (c === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i++;
				} else quoted = false;
			} else field += c;
		} else if (c === '"' && field === '') quoted = true;
		else if (c === separator) {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

export function parseCsv(
	bytes: Uint8Array
): { ok: true; csv: ParsedCsv } | { ok: false; problem: CsvProblem } {
	if (bytes.length === 0) return { ok: false, problem: 'empty' };
	if (bytes.length > MAX_BYTES) return { ok: false, problem: 'too_large' };
	if (bytes.subarray(0, 4096).includes(0)) return { ok: false, problem: 'binary' };
	const { text, encoding } = decode(bytes);
	const firstLine = text.slice(0, text.search(/\r?\n|$/));
	const separator = detectSeparator(firstLine);
	const all = parseRows(text, separator);
	const [header, ...rows] = all;
	if (!header || header.filter((h) => h.trim()).length < 2)
		return { ok: false, problem: 'no_header' };
	if (rows.length > MAX_ROWS) return { ok: false, problem: 'too_many_rows' };
	return { ok: true, csv: { encoding, separator, header: header.map((h) => h.trim()), rows } };
}
