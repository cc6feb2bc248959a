/**
 * The office's roster upload and Mailbox over HTTP, against the built server started as a school
 * starts it (`node build`, no BODY_SIZE_LIMIT set). Needs a build first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { databaseKinds, createPostgresDatabase, tempDir } from '../support/databases';
import {
	cookieHeader,
	cookieJar,
	runCli,
	startServer,
	type RunningServer
} from '../support/server';
import { openDatabase } from '../../src/lib/server/db';
import type { DemoCredentials } from '../../src/lib/server/demo/load';

const HEADER =
	'Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Groep;Geboortedatum;Nieuwe leerling;Ouder/verzorger 1;E-mail ouder 1;Telefoon ouder 1;Straat en huisnummer;Postcode;Plaats;Thuistaal\n';

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

describe.each(databaseKinds)('roster uploads and the mailbox over HTTP on %s', (kind) => {
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
		// An address that came in with a roster imported before the import checked addresses.
		const handle = await openDatabase({
			databaseUrl: env.DATABASE_URL ?? null,
			dataDir: env.DATA_DIR ?? '',
			role: 'test'
		});
		await handle.db.execute(
			sql`update guardian set email = 'jösé@example.com' where email = 'lotte.bakker@example.nl'`
		);
		await handle.close();
		server = await startServer(env);
		const admin = demo.staff.find((s) => s.role === 'admin')!;
		const signIn = await fetch(`${server.url}/sign-in`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Origin: server.url,
				Accept: 'text/html'
			},
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
		return fetch(`${server.url}/staff/roster`, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...asAdmin, Origin: server.url, Accept: 'text/html' },
			body: form
		});
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
			expect(alertOf(await response.text()), `${bytes}`).toBe(
				'Het bestand is te groot. Het mag hoogstens 5 MB zijn.'
			);
		}
	});

	it('says in the preview which address of which row the mail cannot use, and what happens', async () => {
		const response = await upload(
			new Blob([
				HEADER,
				'30001;José;;García;1A;01-01-2020;nee;José García;jösé@example.com;;Kerkstraat 1;1234 AB;Utrecht;Spaans\n'
			])
		);
		expect(response.status).toBe(303);
		const html = await (
			await fetch(server.url + response.headers.get('location')!, { headers: asAdmin })
		).text();
		// (The page also carries its translations for the browser: look at the markup.)
		expect(html).toContain(
			'<h2 id="warnings-heading">1 e-mailadres kan de portal niet gebruiken</h2>'
		);
		expect(html).toContain('<li>Regel 2, E-mail ouder 1: jösé@example.com</li>');
		expect(html).toMatch(
			/<p>De portal kan geen mail sturen naar deze adressen\.[^<]*De leerlingen worden wel ingelezen, maar zonder dit adres\./
		);
		// Not a problem that stops the import.
		expect(html).toMatch(/<button type="submit" class="primary">1 leerling inlezen<\/button>/);
	});

	it('lists a mail to such an address as failed, with the reason, and never answers with a 500', async () => {
		const family = new URL(demo.families.find((f) => f.name.includes('Bakker'))!.url).pathname;
		const slot = /name="slotId" value="([0-9a-f-]{36})"/.exec(
			await (await fetch(`${server.url}${family}/book?place=school`)).text()
		)![1]!;
		const booked = await fetch(`${server.url}${family}/book`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Origin: server.url,
				Accept: 'text/html'
			},
			body: new URLSearchParams({ location: 'school', slotId: slot, interpreter: 'none' })
		});
		expect(booked.status).toBe(303);

		// The server's own worker tries the mail within seconds; the page stays up all along.
		let html = '';
		for (let i = 0; i < 60 && !html.includes('<h2>Niet verstuurd</h2>'); i++) {
			const page = await fetch(`${server.url}/staff/mailbox`, { headers: asAdmin });
			expect(page.status).toBe(200);
			html = await page.text();
			await new Promise((r) => setTimeout(r, 500));
		}
		const failed = html.slice(
			html.indexOf('<h2>Niet verstuurd</h2>'),
			html.indexOf('<h2>Alle berichten</h2>')
		);
		expect(failed).toContain('jösé@example.com');
		expect(failed).toMatch(
			/<p class="field-error[^"]*">Niet verstuurd: de portal kan geen mail sturen naar dit adres/
		);
		expect(failed).not.toContain('invalid recipient address');
		// The other parent's copy went.
		expect(failed).not.toContain('ruben.bakker@example.nl');

		const id = /\/staff\/mailbox\/([0-9a-f-]{36})\/message\.html/.exec(failed)![1]!;
		const view = await fetch(`${server.url}/staff/mailbox/${id}/message.html`, {
			headers: asAdmin
		});
		expect(view.status).toBe(200);
		expect(await view.text()).toContain('Bevestiging huisbezoek');
		// No invite can be made for that address: a plain 404, not a server error.
		expect(
			(await fetch(`${server.url}/staff/mailbox/${id}/invite.ics`, { headers: asAdmin })).status
		).toBe(404);

		// The failed mail leads to its family, and the family's own view of the Mailbox has it.
		const familyId = /href="\/staff\/families\/([0-9a-f-]{36})"[^>]*>Gezin: [^<]*Bakker/.exec(
			failed
		)![1]!;
		const own = await (
			await fetch(`${server.url}/staff/mailbox?state=failed&family=${familyId}`, {
				headers: asAdmin
			})
		).text();
		expect(own).toContain('jösé@example.com');
		expect(own).toContain('Berichten: 1');
		// A family id that is not this school's shows nothing; one that is no id at all is ignored.
		const ofFamily = async (family: string) => {
			const response = await fetch(`${server.url}/staff/mailbox?state=failed&family=${family}`, {
				headers: asAdmin
			});
			expect(response.status).toBe(200);
			return response.text();
		};
		expect(await ofFamily('0b6c2a55-3f1e-4c1a-9d7e-2f7a1c0e9b11')).toContain('Berichten: 0');
		expect(await ofFamily('x')).toContain('jösé@example.com');
	});

	it('skips an exact duplicate row and holds a conflicting one until the office chooses', async () => {
		const response = await upload(
			new Blob([
				HEADER,
				'30001;José;;García;1A;01-01-2020;nee;José García;jose@example.com;;Kerkstraat 1;1234 AB;Utrecht;Spaans\n',
				'30002;Lina;;Haddad;2A;02-02-2019;nee;Rana Haddad;rana@example.com;;Kerkstraat 2;1234 AB;Utrecht;Arabisch\n',
				'30001;José;;García;1A;01-01-2020;nee;José García;jose@example.com;;Kerkstraat 1;1234 AB;Utrecht;Spaans\n',
				'30002;Lina;;Haddad;3A;02-02-2019;nee;Rana Haddad;rana@example.com;;Kerkstraat 2;1234 AB;Utrecht;Arabisch\n'
			])
		);
		expect(response.status).toBe(303);
		const path = response.headers.get('location')!;
		const html = await (await fetch(server.url + path, { headers: asAdmin })).text();
		expect(html).toContain('<li>Regel 4 is gelijk aan regel 2</li>');
		expect(html).toContain('Leerlingnummer 30002 (Lina Haddad)');
		expect(html).toMatch(/<button type="submit" class="primary" disabled[^>]*>1 leerling inlezen/);
		// Posted anyway (a page without JavaScript, an old tab): refused, nothing imported.
		const refused = await fetch(server.url + path, {
			method: 'POST',
			headers: {
				...asAdmin,
				Origin: server.url,
				Accept: 'text/html',
				'Content-Type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({
				'map.pupilNumber': '0',
				'map.firstName': '1',
				'map.lastName': '3',
				'map.group': '4'
			})
		});
		expect(refused.status).toBe(400);
		expect(alertOf(await refused.text())).toBe(
			'Kies eerst bij elk dubbel leerlingnummer welke regel klopt. Er is niets ingelezen.'
		);
		// With a choice the preview is ready to import both pupils.
		const chosen = await (await fetch(`${server.url}${path}?keep=5`, { headers: asAdmin })).text();
		expect(chosen).toMatch(/<input type="radio" name="keep" value="5" checked/);
		expect(chosen).toMatch(/<button type="submit" class="primary">2 leerlingen inlezen/);
	});
});
