import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { guessMapping, missingRequired } from './mapping';
import { parseDutchDate, readRecords } from './records';
import { clusterFamilies, oldestChild } from './families';

const sample = () =>
	new Uint8Array(fs.readFileSync(path.resolve('tests/fixtures/roster-sample.csv')));
const bytes = (text: string) => new TextEncoder().encode(text);

describe('reading a roster export', () => {
	it('reads the sample: UTF-8 with BOM, semicolons, Dutch headers', () => {
		const result = parseCsv(sample());
		if (!result.ok) throw new Error(result.problem);
		expect(result.csv).toMatchObject({ encoding: 'utf-8', separator: ';' });
		expect(result.csv.header[0]).toBe('Leerlingnummer');
		expect(result.csv.rows).toHaveLength(12);
		expect(result.csv.rows[3]![3]).toBe('Yılmaz');
	});

	it('reads Windows-1252, commas with quotes, tabs, and CRLF', () => {
		const latin = new Uint8Array(
			Buffer.from(
				'Leerlingnummer;Roepnaam;Achternaam;Groep\r\n1;Émilie;Dubois-Noël;5A\r\n',
				'latin1'
			)
		);
		const win = parseCsv(latin);
		expect(win.ok && win.csv.encoding).toBe('windows-1252');
		expect(win.ok && win.csv.rows[0]).toEqual(['1', 'Émilie', 'Dubois-Noël', '5A']);

		const quoted = parseCsv(
			bytes('nr,naam,adres\n1,"Berg, van der","Straat 1\nachterhuis"\n2,"Zeg ""hoi""",x\n')
		);
		expect(quoted.ok && quoted.csv.separator).toBe(',');
		expect(quoted.ok && quoted.csv.rows).toEqual([
			['1', 'Berg, van der', 'Straat 1\nachterhuis'],
			['2', 'Zeg "hoi"', 'x']
		]);

		const tabs = parseCsv(bytes('a\tb\tc\n1\t2\t3\n\n'));
		expect(tabs.ok && tabs.csv.rows).toEqual([['1', '2', '3']]);
	});

	it('refuses empty, binary and header-less files', () => {
		expect(parseCsv(new Uint8Array())).toEqual({ ok: false, problem: 'empty' });
		expect(parseCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]))).toEqual({
			ok: false,
			problem: 'binary'
		});
		expect(parseCsv(bytes('alleen-een-kolom\n1\n'))).toEqual({ ok: false, problem: 'no_header' });
	});

	it('maps every column of the sample from its Dutch header', () => {
		const result = parseCsv(sample());
		if (!result.ok) throw new Error();
		const mapping = guessMapping(result.csv.header);
		expect(missingRequired(mapping)).toEqual([]);
		expect(mapping).toMatchObject({
			pupilNumber: 0,
			firstName: 1,
			infix: 2,
			lastName: 3,
			group: 4,
			birthDate: 5,
			isNew: 6,
			guardian1Name: 7,
			guardian1Email: 8,
			guardian1Phone: 9,
			guardian2Name: 10,
			guardian2Email: 11,
			street: 12,
			postalCode: 13,
			city: 14,
			homeLanguage: 15
		});
	});
});

describe('rows into pupils and families', () => {
	// The issue text says 11; the sample has 12 pupils with two sibling pairs (De Vries, El Amrani): 10.
	it('gives 12 pupils in 10 families: siblings joined by e-mail or address', () => {
		const result = parseCsv(sample());
		if (!result.ok) throw new Error();
		const { records, errors } = readRecords(result.csv, guessMapping(result.csv.header));
		expect(errors).toEqual([]);
		expect(records).toHaveLength(12);
		const families = clusterFamilies(records);
		expect(families).toHaveLength(10);
		expect(
			families
				.filter((f) => f.length === 2)
				.map((f) => f[0]!.lastName)
				.sort()
		).toEqual(['El Amrani', 'Vries']);
		const elAmrani = families.find((f) => f.some((r) => r.lastName === 'El Amrani'))!;
		expect(elAmrani.map((r) => r.firstName).sort()).toEqual(['Ilyas', 'Yasmine']);
		expect(oldestChild(elAmrani).firstName).toBe('Ilyas');
		expect(records.find((r) => r.firstName === 'Yasmine')).toMatchObject({
			isNew: true,
			birthDate: '2020-11-22',
			language: 'ar'
		});
		expect(records.find((r) => r.lastName === 'Tesfay')!.guardians).toEqual([
			{ name: 'Selam Tesfay', relation: null, email: null, phone: '0656789012' }
		]);
	});

	it('points at the line and the field of every problem, and keeps only sound rows', () => {
		const csv = parseCsv(
			bytes(
				'Leerlingnummer;Roepnaam;Achternaam;Groep;Geboortedatum;E-mail ouder 1;Nieuwe leerling\n1;Anna;Jansen;1A;31-02-2020;anna@example.nl;ja\n2;;Bos;1A;;;nee\n1;Piet;Klaas;3B;01-01-2019;geen-adres;misschien\n3;Sara;Ali;2T;2019-04-17;;\n'
			)
		);
		if (!csv.ok) throw new Error();
		const { records, errors } = readRecords(csv.csv, guessMapping(csv.csv.header));
		expect(errors).toEqual([
			{ line: 2, field: 'birthDate', problem: 'invalid_date' },
			{ line: 3, field: 'firstName', problem: 'required' },
			{ line: 4, field: 'isNew', problem: 'invalid_yes_no' },
			{ line: 4, field: 'guardian1Email', problem: 'invalid_email' }
		]);
		expect(records.map((r) => r.firstName)).toEqual(['Sara']);
	});

	it('imports a row with an address the mail cannot use without that address, and says so', () => {
		const csv = parseCsv(
			bytes(
				'Leerlingnummer;Roepnaam;Achternaam;Groep;Ouder/verzorger 1;E-mail ouder 1;Ouder/verzorger 2;E-mail ouder 2\n1;José;García;1A;José García;jösé@example.com;Lucía García;lucia@example.es\n2;Ana;Popescu;1A;;ana@exa_mple.ro;;\n3;Piet;Klaas;3B;;geen-adres;;\n'
			)
		);
		if (!csv.ok) throw new Error();
		const { records, errors, warnings } = readRecords(csv.csv, guessMapping(csv.csv.header));
		// Not an address at all still stops the row: more likely a wrong column than a parent's address.
		expect(errors).toEqual([{ line: 4, field: 'guardian1Email', problem: 'invalid_email' }]);
		expect(warnings).toEqual([
			{ line: 2, field: 'guardian1Email', problem: 'unsendable_email', value: 'jösé@example.com' },
			{ line: 3, field: 'guardian1Email', problem: 'unsendable_email', value: 'ana@exa_mple.ro' }
		]);
		expect(records.map((r) => r.guardians)).toEqual([
			[
				{ name: 'José García', relation: null, email: null, phone: null },
				{ name: 'Lucía García', relation: null, email: 'lucia@example.es', phone: null }
			],
			[]
		]);
	});

	it('reads Dutch and ISO dates', () => {
		expect(parseDutchDate('14-03-2021')).toBe('2021-03-14');
		expect(parseDutchDate('4/3/2021')).toBe('2021-03-04');
		expect(parseDutchDate('2021-03-14')).toBe('2021-03-14');
		expect(parseDutchDate('')).toBeNull();
		expect(parseDutchDate('29-02-2021')).toBe('invalid');
		expect(parseDutchDate('03/14/2021')).toBe('invalid');
	});
});
