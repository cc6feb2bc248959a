import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { guessMapping } from './mapping';
import { readRecords } from './records';
import { keptLines, settleDuplicates } from './duplicates';

const HEADER =
	'Leerlingnummer;Roepnaam;Achternaam;Groep;Ouder/verzorger 1;E-mail ouder 1;Straat en huisnummer;Postcode\n';

function records(rows: string[]) {
	const csv = parseCsv(new TextEncoder().encode(HEADER + rows.join('\n') + '\n'));
	if (!csv.ok) throw new Error(csv.problem);
	const read = readRecords(csv.csv, guessMapping(csv.csv.header));
	expect(read.errors).toEqual([]);
	return read.records;
}

const anna = '1;Anna;Jansen;1A;Els Jansen;els@example.nl;Dorpsstraat 1;1234 AB';
const bram = '2;Bram;Bos;3B;Kees Bos;kees@example.nl;Kade 2;1234 AC';

describe('a pupil number on more than one row', () => {
	it('skips a row that repeats an earlier one exactly, and says which line repeats which', () => {
		const settled = settleDuplicates(records([anna, bram, anna, anna]), new Set());
		expect(settled.records.map((r) => [r.line, r.firstName])).toEqual([
			[2, 'Anna'],
			[3, 'Bram']
		]);
		expect(settled.duplicates).toEqual([
			{ line: 4, sameAs: 2 },
			{ line: 5, sameAs: 2 }
		]);
		expect(settled.conflicts).toEqual([]);
	});

	it('counts a repeat as the same when only spaces or the case of the address differ', () => {
		const settled = settleDuplicates(
			records([anna, '1; Anna ;Jansen;1A;Els Jansen;ELS@example.nl;Dorpsstraat 1;1234 ab']),
			new Set()
		);
		expect(settled.duplicates).toEqual([{ line: 3, sameAs: 2 }]);
	});

	it('holds back rows that differ until one is chosen, naming the fields that differ', () => {
		const other = '1;Anna;Jansen;2A;Els Jansen;els.jansen@example.nl;Dorpsstraat 1;1234 AB';
		const rows = records([anna, bram, other, anna]);
		const open = settleDuplicates(rows, new Set());
		expect(open.records.map((r) => r.firstName)).toEqual(['Bram']);
		expect(open.duplicates).toEqual([{ line: 5, sameAs: 2 }]);
		expect(open.conflicts).toHaveLength(1);
		expect(open.conflicts[0]).toMatchObject({
			pupilNumber: '1',
			fields: ['group', 'guardian1Email'],
			chosen: null
		});
		expect(open.conflicts[0]!.rows.map((r) => r.line)).toEqual([2, 4]);

		const second = settleDuplicates(rows, new Set([4]));
		expect(second.conflicts[0]!.chosen).toBe(4);
		expect(second.records.map((r) => [r.line, r.group])).toEqual([
			[3, '3B'],
			[4, '2A']
		]);
		const first = settleDuplicates(rows, new Set([2]));
		expect(first.records.map((r) => [r.line, r.group])).toEqual([
			[2, '1A'],
			[3, '3B']
		]);
		// A line that is not one of the versions (the repeat, another pupil's) chooses nothing.
		expect(settleDuplicates(rows, new Set([5, 3])).conflicts[0]!.chosen).toBeNull();
	});

	it('reads the choices from the form, leaving out what is not a line number', () => {
		expect([...keptLines(['4', '12', 'x', '-1', '1', '2.5', ''])]).toEqual([4, 12]);
	});
});
