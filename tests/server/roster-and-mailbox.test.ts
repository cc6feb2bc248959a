/**
 * The office's roster upload over HTTP, against the built server started as a school starts it
 * (`node build`, no BODY_SIZE_LIMIT set). Needs a build first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, createPostgresDatabase, tempDir } from '../support/databases';
import { cookieHeader, cookieJar, runCli, startServer, type RunningServer } from '../support/server';
import type { DemoCredentials } from '../../src/lib/server/demo/load';

const HEADER = 'Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Groep;Geboortedatum;Nieuwe leerling;Ouder/verzorger 1;E-mail ouder 1;Telefoon ouder 1;Straat en huisnummer;Postcode;Plaats;Thuistaal\n';

/** A roster export of `bytes` bytes: about 150 bytes a pupil, as long street names make them. */
function export_(bytes: number): Blob {
	const rows: string[] = [HEADER];
	let size = HEADER.length;
	for (let n = 20000; size < bytes; n++) {
		const row = `${n};Kind;;Test;1A;01-01-2020;nee;Ouder ${n};;;${'Lange Straatweg '.repeat(6)}${n};1234 AB;Utrecht;Nederlands\n`;
		rows.push(row);
		size += row.length;
	}
	return new Blob(rows, { type: 'text/csv' });
}

const alertOf = (html: string) => /<p class="alert" role="alert">([^<]*)<\/p>/.exec(html)?.[1];

describe.each(databaseKinds)('roster uploads over HTTP on %s', (kind) => {
	let server: RunningServer;
	let demo: DemoCredentials;
	let dropDatabase: (() => Promise<void>) | undefined;
	let asAdmin: Record<string, string>;

	beforeAll(async () => {
		let env: Record<string, string>;
		if (kind === 'postgres') {
			const created = await createPostgresDatabase('hb_roster');
			env = { DATABASE_URL: created.url };
			dropDatabase = created.drop;
		} else {
			env = { DATA_DIR: tempDir('hb-roster') };
		}
		const cli = await runCli(['demo', '--json'], env);
		expect(cli.status, cli.stderr).toBe(0);
		demo = JSON.parse(cli.stdout) as DemoCredentials;
		server = await startServer(env);
		const admin = demo.staff.find((s) => s.role === 'admin')!;
		const signIn = await fetch(`${server.url}/sign-in`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url, Accept: 'text/html' },
			body: new URLSearchParams({ email: admin.email, password: admin.password })
		});
		expect(signIn.status).toBe(303);
		asAdmin = { Cookie: cookieHeader(cookieJar(signIn)) };
	});

	afterAll(async () => {
		await server?.stop();
		await dropDatabase?.();
	});

	const upload = (file: Blob) => {
		const form = new FormData();
		form.append('file', file, 'leerlingen.csv');
		return fetch(`${server.url}/staff/roster`, { method: 'POST', redirect: 'manual', headers: { ...asAdmin, Origin: server.url, Accept: 'text/html' }, body: form });
	};

	it('takes a 0.7 MB export (over adapter-node’s own 512K) to the check page', async () => {
		const response = await upload(export_(700_000));
		expect(response.status).toBe(303);
		const location = response.headers.get('location')!;
		expect(location).toMatch(/^\/staff\/roster\/[0-9a-f-]{36}$/);
		const check = await fetch(server.url + location, { headers: asAdmin });
		expect(check.status).toBe(200);
		expect(await check.text()).toMatch(/leerlingen\.csv: \d{4} regels/);
	});

	it('refuses a 6 MB export and a 12 MB one by saying they are too large and what the maximum is', async () => {
		// 6 MB passes BODY_SIZE_LIMIT (6M) and meets the roster limit; 12 MB is stopped while it is read.
		for (const bytes of [6_000_000, 12_000_000]) {
			const response = await upload(export_(bytes));
			expect(response.status, `${bytes}`).toBe(413);
			expect(alertOf(await response.text()), `${bytes}`).toBe('Het bestand is te groot. Het mag hoogstens 5 MB zijn.');
		}
	});
});
