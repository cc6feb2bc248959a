import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNull } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeSchool, makeStaff } from '../support/fixtures';
import { parseCsv } from '../../src/lib/server/roster/csv';
import { guessMapping } from '../../src/lib/server/roster/mapping';
import { readRecords, type RosterRecord } from '../../src/lib/server/roster/records';
import { importRoster } from '../../src/lib/server/roster/import';
import { previewRoster } from '../../src/lib/server/roster/preview';
import { findFamilies } from '../../src/lib/server/privacy/family-data';
import { family, group, groupTeacher, guardian, pupil } from '../../src/lib/server/db/schema';

const sampleText = () => fs.readFileSync(path.resolve('tests/fixtures/roster-sample.csv'), 'utf8');

function read(bytes: Uint8Array) {
	const parsed = parseCsv(bytes);
	if (!parsed.ok) throw new Error(parsed.problem);
	const read = readRecords(parsed.csv, guessMapping(parsed.csv.header));
	expect(read.errors).toEqual([]);
	return read;
}
const records = (bytes: Uint8Array): RosterRecord[] => read(bytes).records;

/**
 * The sample as a later export from the school's system: Windows-1252 with commas, Zofia in 6A,
 * Milan gone, Renée new, and Yılmaz spelled without the letters that code page lacks.
 */
const changedExport = () =>
	new Uint8Array(
		Buffer.from(
			sampleText()
				.replace(/^\uFEFF/, '')
				.replace('10235;Zofia;;Kowalska;5A', '10235;Zofia;;Kowalska;6A')
				.replace(/\n10241;[^\n]*/, '')
				.concat(
					'10260;Renée;;Peeters;1A;01-02-2021;ja;Inès Peeters;ines@example.be;;;;Kerkstraat 1;1000 AA;Amsterdam;Frans\n'
				)
				.replaceAll('ı', 'i')
				.replaceAll('ş', 's')
				.replaceAll(';', ','),
			'latin1'
		)
	);

describe.each(databaseKinds)('roster import on %s', (kind) => {
	let t: TestDatabase;

	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	afterAll(() => t?.dispose());

	/** A school of the test's own, whose group 3B exists with its teacher before the first import. */
	const newSchool = async () => {
		const schoolId = (await makeSchool(t.db)).id;
		const adminId = (await makeStaff(t.db, schoolId, { role: 'admin' })).id;
		const jeroen = (await makeStaff(t.db, schoolId, { name: 'Jeroen Bos' })).id;
		const [g] = await t.db.insert(group).values({ schoolId, name: '3B', year: 3 }).returning();
		await t.db.insert(groupTeacher).values({ groupId: g!.id, staffId: jeroen });
		return { schoolId, adminId, jeroen };
	};
	const importSample = (schoolId: string, adminId: string) =>
		importRoster(t.db, schoolId, adminId, records(new TextEncoder().encode(sampleText())));
	/** One pupil of the school by number: other tests' schools have the same numbers. */
	const pupilOf = async (schoolId: string, pupilNumber: string) =>
		(
			await t.db
				.select()
				.from(pupil)
				.where(and(eq(pupil.schoolId, schoolId), eq(pupil.pupilNumber, pupilNumber)))
		)[0];
	const pupilsIn = (schoolId: string) =>
		t.db.select({ n: count() }).from(pupil).where(eq(pupil.schoolId, schoolId));
	const allPupils = () => t.db.select({ n: count() }).from(pupil);
	const guardiansWithoutEmail = async () =>
		(await t.db.select({ n: count() }).from(guardian).where(isNull(guardian.email)))[0]!.n;

	it('imports the sample (BOM, semicolons): 12 pupils, 10 families, siblings joined', async () => {
		const { schoolId, adminId, jeroen } = await newSchool();
		const withoutEmail = await guardiansWithoutEmail();
		const report = await importRoster(
			t.db,
			schoolId,
			adminId,
			records(new Uint8Array(fs.readFileSync(path.resolve('tests/fixtures/roster-sample.csv'))))
		);
		expect(report).toMatchObject({
			pupilsCreated: 12,
			pupilsUpdated: 0,
			familiesCreated: 10,
			families: 10,
			familiesWithoutEmail: 1
		});
		expect(report.groupsCreated.sort()).toEqual(['1A', '1B', '2T', '5A', '7A']);
		expect(
			await t.db.select({ n: count() }).from(family).where(eq(family.schoolId, schoolId))
		).toEqual([{ n: 10 }]);
		const daan = await pupilOf(schoolId, '10232');
		const noor = await pupilOf(schoolId, '10231');
		expect(noor!.familyId).toBe(daan!.familyId);
		const [deVries] = await t.db.select().from(family).where(eq(family.id, daan!.familyId));
		// Daan (3B) is the oldest: his teacher visits.
		expect(deVries).toMatchObject({
			visitingStaffId: jeroen,
			street: 'Spitsbergenstraat 12',
			postalCode: '1013 AB',
			language: 'nl'
		});
		expect(
			(await t.db.select().from(guardian).where(eq(guardian.familyId, deVries!.id)))
				.map((g) => g.email)
				.sort()
		).toEqual(['sanne.devries@example.nl', 'thijs.devries@example.nl']);
		const yilmaz = await pupilOf(schoolId, '10234');
		expect(yilmaz!.lastName).toBe('Yılmaz');
		// In the whole database: two more guardians without an address, none elsewhere.
		expect((await guardiansWithoutEmail()) - withoutEmail).toBe(2);
	});

	it('changes nothing when the same file comes again', async () => {
		const { schoolId, adminId } = await newSchool();
		await importSample(schoolId, adminId);
		const before = await allPupils();
		const report = await importRoster(
			t.db,
			schoolId,
			adminId,
			records(new TextEncoder().encode(sampleText()))
		);
		expect(report).toMatchObject({
			pupilsCreated: 0,
			pupilsUpdated: 0,
			pupilsUnchanged: 12,
			familiesCreated: 0,
			families: 10,
			changes: [],
			missing: []
		});
		expect(await pupilsIn(schoolId)).toEqual([{ n: 12 }]);
		expect(await allPupils()).toEqual(before);
	});

	it('updates by pupil number from a Windows-1252 file with commas, and reports what changed', async () => {
		const { schoolId, adminId } = await newSchool();
		await importSample(schoolId, adminId);
		const report = await importRoster(t.db, schoolId, adminId, records(changedExport()));
		expect(report).toMatchObject({
			pupilsCreated: 1,
			familiesCreated: 1,
			groupsCreated: ['6A'],
			missing: [{ pupilNumber: '10241', name: 'Milan Jansen' }]
		});
		expect(report.changes).toEqual(
			expect.arrayContaining([
				{ pupilNumber: '10235', name: 'Zofia Kowalska', fields: ['group'] },
				{ pupilNumber: '10234', name: 'Emre Yilmaz', fields: ['lastName'] }
			])
		);
		const renee = await pupilOf(schoolId, '10260');
		expect(renee).toMatchObject({ firstName: 'Renée', isNew: true, birthDate: '2021-02-01' });
		// Missing pupils stay: a short file must not erase families.
		expect(
			await t.db
				.select({ n: count() })
				.from(pupil)
				.where(and(eq(pupil.schoolId, schoolId), eq(pupil.pupilNumber, '10241')))
		).toEqual([{ n: 1 }]);
	});

	it('imports all rows or none', async () => {
		const { schoolId, adminId } = await newSchool();
		const before = await t.db.select({ n: count() }).from(pupil);
		const good = records(new TextEncoder().encode(sampleText()))
			.slice(0, 3)
			.map((r) => ({ ...r, pupilNumber: `X${r.pupilNumber}` }));
		// A date the database refuses, after rows it accepted.
		const bad = [...good, { ...good[0]!, pupilNumber: 'X-bad', birthDate: '2020-02-30' }];
		await expect(importRoster(t.db, schoolId, adminId, bad)).rejects.toThrow();
		expect(await t.db.select({ n: count() }).from(pupil)).toEqual(before);
	});

	it('keeps schools apart: the same pupil numbers at another school are other pupils', async () => {
		// A school that imported the sample and then the later export.
		const { schoolId, adminId } = await newSchool();
		await importSample(schoolId, adminId);
		await importRoster(t.db, schoolId, adminId, records(changedExport()));
		const other = await makeSchool(t.db);
		const otherAdmin = await makeStaff(t.db, other.id, { role: 'admin' });
		const report = await importRoster(
			t.db,
			other.id,
			otherAdmin.id,
			records(new TextEncoder().encode(sampleText()))
		);
		expect(report).toMatchObject({ pupilsCreated: 12, pupilsUpdated: 0, familiesCreated: 10 });
		// 10 from the sample, 1 for Renée; Milan's family stays although he was missing from the file.
		expect(
			await t.db.select({ n: count() }).from(family).where(eq(family.schoolId, schoolId))
		).toEqual([{ n: 11 }]);
	});

	it('names pupils with their name prefix in the report and finds them by full name', async () => {
		const other = await makeSchool(t.db);
		const otherAdmin = await makeStaff(t.db, other.id, { role: 'admin' });
		await importRoster(
			t.db,
			other.id,
			otherAdmin.id,
			records(new TextEncoder().encode(sampleText()))
		);
		// Noor de Vries left; Daan de Vries moved to 4B.
		const next = records(
			new TextEncoder().encode(
				sampleText()
					.replace(/\n10231;[^\n]*/, '')
					.replace('10232;Daan;de;Vries;3B', '10232;Daan;de;Vries;4B')
			)
		);
		const report = await importRoster(t.db, other.id, otherAdmin.id, next);
		expect(report.missing).toEqual([{ pupilNumber: '10231', name: 'Noor de Vries' }]);
		expect(report.changes).toEqual([
			{ pupilNumber: '10232', name: 'Daan de Vries', fields: ['group'] }
		]);
		// The privacy page finds a child by the name as the office writes it, prefix or none.
		expect((await findFamilies(t.db, other.id, 'Sem Bakker')).families).toEqual([
			{ id: expect.any(String), children: ['Sem Bakker (10239)'] }
		]);
		expect((await findFamilies(t.db, other.id, 'Luca van der Berg')).families[0]?.children).toEqual(
			['Luca van der Berg (10237)']
		);
	});

	it('imports a guardian without an address the mail cannot use, and reports the address', async () => {
		const other = await makeSchool(t.db);
		const otherAdmin = await makeStaff(t.db, other.id, { role: 'admin' });
		const file = read(
			new TextEncoder().encode(sampleText().replace('jeroen@example.nl', 'jeroen@exämple.nl'))
		);
		expect(file.warnings).toEqual([
			{ line: 8, field: 'guardian1Email', problem: 'unsendable_email', value: 'jeroen@exämple.nl' }
		]);
		const report = await importRoster(t.db, other.id, otherAdmin.id, file.records, file.warnings);
		expect(report).toMatchObject({ pupilsCreated: 12, emailsLeftOut: file.warnings });
		const [luca] = await t.db
			.select()
			.from(pupil)
			.where(and(eq(pupil.schoolId, other.id), eq(pupil.pupilNumber, '10237')));
		expect(
			(
				await t.db
					.select({ name: guardian.name, email: guardian.email })
					.from(guardian)
					.where(eq(guardian.familyId, luca!.familyId))
			).sort((a, b) => a.name.localeCompare(b.name))
		).toEqual([
			{ name: 'Émilie Dubois', email: 'emilie.dubois@example.be' },
			{ name: 'Jeroen van der Berg', email: null }
		]);
	});

	it('keeps how each parent is related to the child when the export has that column', async () => {
		const { schoolId, adminId } = await newSchool();
		const file = read(
			new TextEncoder().encode(
				'Leerlingnummer;Roepnaam;Achternaam;Groep;Ouder/verzorger 1;Relatie ouder 1;E-mail ouder 1;Ouder/verzorger 2;Relatie ouder 2;Telefoon ouder 2\n' +
					'20001;Mila;Jansen;3B;Eva Jansen;Moeder;eva@example.nl;Kees Jansen;Pleegvader;0611111111\n'
			)
		);
		expect(file.records[0]!.guardians).toEqual([
			{ name: 'Eva Jansen', relation: 'Moeder', email: 'eva@example.nl', phone: null },
			{ name: 'Kees Jansen', relation: 'Pleegvader', email: null, phone: '0611111111' }
		]);
		await importRoster(t.db, schoolId, adminId, file.records);
		const mila = await pupilOf(schoolId, '20001');
		expect(
			(
				await t.db
					.select({ name: guardian.name, relation: guardian.relation })
					.from(guardian)
					.where(eq(guardian.familyId, mila!.familyId))
			).sort((a, b) => a.name.localeCompare(b.name))
		).toEqual([
			{ name: 'Eva Jansen', relation: 'Moeder' },
			{ name: 'Kees Jansen', relation: 'Pleegvader' }
		]);
	});

	/** The sample with rows added at its end, through the preview as the office sees it. */
	const previewWith = (extra: string[], keep: number[] = []) => {
		const result = previewRoster(
			new TextEncoder().encode(sampleText() + extra.join('\n') + '\n'),
			() => null,
			true,
			new Set(keep)
		);
		if (!result.ok) throw new Error(result.problem);
		return result.preview;
	};
	const lineOf = (pupilNumber: string) =>
		sampleText()
			.split('\n')
			.find((l) => l.startsWith(`${pupilNumber};`))!;

	it('skips rows that repeat a pupil exactly, imports the rest, and says which lines it skipped', async () => {
		const { schoolId, adminId } = await newSchool();
		// The sample has 12 pupils on lines 2–13: Noor and Daan pasted again at its end.
		const preview = previewWith([lineOf('10231'), lineOf('10232'), lineOf('10231')]);
		expect(preview.errors).toEqual([]);
		expect(preview.conflicts).toEqual([]);
		expect(preview.duplicates).toEqual([
			{ line: 14, sameAs: 2 },
			{ line: 15, sameAs: 3 },
			{ line: 16, sameAs: 2 }
		]);
		expect(preview.records).toHaveLength(12);
		const report = await importRoster(
			t.db,
			schoolId,
			adminId,
			preview.records,
			preview.warnings,
			preview
		);
		expect(report).toMatchObject({
			pupilsCreated: 12,
			families: 10,
			duplicatesSkipped: preview.duplicates,
			conflictsSettled: []
		});
		expect((await pupilsIn(schoolId))[0]!.n).toBe(12);
	});

	it('holds back a pupil number with different data until the office chooses a row, then imports that row', async () => {
		const { schoolId, adminId } = await newSchool();
		// Daan once more, in another group and with his father's new address.
		const other = lineOf('10232')
			.replace(';3B;', ';4A;')
			.replace('thijs.devries@example.nl', 'thijs@devries.example');
		const open = previewWith([other]);
		expect(open.conflicts).toHaveLength(1);
		expect(open.conflicts[0]).toMatchObject({
			pupilNumber: '10232',
			fields: ['group', 'guardian2Email'],
			chosen: null
		});
		expect(open.conflicts[0]!.rows.map((r) => r.line)).toEqual([3, 14]);
		// Not imported half: the import refuses while a conflict has no choice.
		await expect(
			importRoster(t.db, schoolId, adminId, open.records, open.warnings, open)
		).rejects.toThrow(/conflict without a choice/);
		expect((await pupilsIn(schoolId))[0]!.n).toBe(0);

		const chosen = previewWith([other], [14]);
		expect(chosen.conflicts[0]!.chosen).toBe(14);
		expect(chosen.records).toHaveLength(12);
		const report = await importRoster(
			t.db,
			schoolId,
			adminId,
			chosen.records,
			chosen.warnings,
			chosen
		);
		expect(report.conflictsSettled).toEqual([{ pupilNumber: '10232', kept: 14, dropped: [3] }]);
		const daan = await pupilOf(schoolId, '10232');
		const [g] = await t.db
			.select({ name: group.name })
			.from(group)
			.where(eq(group.id, daan!.groupId!));
		expect(g!.name).toBe('4A');
		// Noor's row still has the father's old address: the family keeps both.
		expect(
			(
				await t.db
					.select({ email: guardian.email })
					.from(guardian)
					.where(eq(guardian.familyId, daan!.familyId))
			)
				.map((r) => r.email)
				.sort()
		).toEqual(['sanne.devries@example.nl', 'thijs.devries@example.nl', 'thijs@devries.example']);

		// Choosing the first row keeps the file's first version.
		const first = previewWith([other], [3]);
		expect(first.records.find((r) => r.pupilNumber === '10232')!.group).toBe('3B');
	});

	it('shows the parents’ names and addresses as mapped, so a wrong column shows before import', async () => {
		const right = previewWith([]);
		const vries = right.families.find((f) => f.some((c) => c.pupilNumber === '10231'))!;
		expect(vries[0]!.guardians.map((g) => [g.name, g.email])).toEqual([
			['Sanne de Vries', 'sanne.devries@example.nl'],
			['Thijs de Vries', 'thijs.devries@example.nl']
		]);
		expect(right.samples).toMatchObject({
			guardian1Name: 'Sanne de Vries',
			guardian1Email: 'sanne.devries@example.nl'
		});
		// The office picks the city column for the first parent's name by mistake: the preview says so.
		const header = sampleText()
			.replace(/^\uFEFF/, '')
			.split('\n')[0]!
			.split(';');
		const wrong = previewRoster(
			new TextEncoder().encode(sampleText()),
			(name) => (name === 'map.guardian1Name' ? String(header.indexOf('Plaats')) : null),
			true
		);
		if (!wrong.ok) throw new Error(wrong.problem);
		expect(wrong.preview.samples.guardian1Name).toBe('Amsterdam');
		expect(
			wrong.preview.families
				.find((f) => f.some((c) => c.pupilNumber === '10231'))![0]!
				.guardians.map((g) => g.name)
		).toEqual(['Amsterdam', 'Thijs de Vries']);
	});
});
