/**
 * How long the office waits for a roster import: a generated export of N pupils (default 1,000,
 * a large primary school) with siblings, in Windows-1252 with semicolons, parsed, mapped and
 * imported in one transaction, then imported again unchanged. On PGlite, and on PostgreSQL
 * when BENCH_DATABASE_URL points at a server (a database is created and dropped).
 *   npx tsx bench/roster-import.ts [--pupils 1000]
 */
import { parseArgs } from 'node:util';
import { type DatabaseHandle } from '../src/lib/server/db';
import { onBenchDatabases } from './databases';
import { school, staff } from '../src/lib/server/db/schema';
import { parseCsv } from '../src/lib/server/roster/csv';
import { guessMapping } from '../src/lib/server/roster/mapping';
import { readRecords } from '../src/lib/server/roster/records';
import { importRoster } from '../src/lib/server/roster/import';

const { values } = parseArgs({ options: { pupils: { type: 'string', default: '1000' } } });
const pupils = Number(values.pupils);

function exportFile(n: number): Uint8Array {
	const lines = [
		'Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Groep;Geboortedatum;Nieuwe leerling;Ouder/verzorger 1;E-mail ouder 1;Telefoon ouder 1;Ouder/verzorger 2;E-mail ouder 2;Straat en huisnummer;Postcode;Plaats;Thuistaal'
	];
	for (let i = 0; i < n; i++) {
		// Every fourth pupil is a sibling of the one before: same parents, same address.
		const familyNo = i - (i % 4 === 3 ? 1 : 0);
		const year = 1 + (i % 8);
		lines.push(
			[
				`${20000 + i}`,
				`Kind${i}`,
				i % 5 === 0 ? 'van' : '',
				`Achternaam${familyNo}`,
				`${year}${'ABC'[i % 3]}`,
				`${String(1 + (i % 28)).padStart(2, '0')}-0${1 + (i % 9)}-${2021 - year}`,
				i % 10 === 0 ? 'ja' : 'nee',
				`Ouder ${familyNo}`,
				familyNo % 12 === 0 ? '' : `ouder${familyNo}@example.nl`,
				'0612345678',
				'',
				'',
				`Straat ${familyNo}`,
				`1000 AB`,
				'Amsterdam',
				['Nederlands', 'Arabisch', 'Turks', 'Pools', 'Frans'][i % 5]!
			].join(';')
		);
	}
	return new Uint8Array(Buffer.from(lines.join('\r\n') + '\r\n', 'latin1'));
}

async function run(label: string, handle: DatabaseHandle) {
	await handle.migrate();
	const [s] = await handle.db.insert(school).values({ name: 'Bench' }).returning();
	const [admin] = await handle.db
		.insert(staff)
		.values({
			schoolId: s!.id,
			email: `bench-${Date.now()}@example.nl`,
			name: 'Bench',
			role: 'admin'
		})
		.returning();
	const bytes = exportFile(pupils);
	const t0 = performance.now();
	const parsed = parseCsv(bytes);
	if (!parsed.ok) throw new Error(parsed.problem);
	const { records, errors } = readRecords(parsed.csv, guessMapping(parsed.csv.header));
	if (errors.length) throw new Error(`${errors.length} row errors`);
	const t1 = performance.now();
	const first = await importRoster(handle.db, s!.id, admin!.id, records);
	const t2 = performance.now();
	const again = await importRoster(handle.db, s!.id, admin!.id, records);
	const t3 = performance.now();
	console.log(
		`${label}: ${pupils} pupils (${(bytes.length / 1024).toFixed(0)} KiB, ${first.families} families): parse+map ${(t1 - t0).toFixed(0)} ms, ` +
			`first import ${(t2 - t1).toFixed(0)} ms, re-import unchanged ${(t3 - t2).toFixed(0)} ms (${again.pupilsUnchanged} unchanged)`
	);
}

await onBenchDatabases(run);
