/**
 * A family's pages over HTTP, with what a careless or hostile client sends: every answer is a
 * page in the parent's language or a 404, never a server error and never another family's data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, createPostgresDatabase, tempDir } from '../support/databases';
import { runCli, startServer, type RunningServer } from '../support/server';
import type { DemoCredentials } from '../../src/lib/server/demo/load';
import { messages } from '../e2e/messages';

describe.each(databaseKinds)("a family's pages on %s", (kind) => {
	let server: RunningServer;
	let demo: DemoCredentials;
	let dropDatabase: (() => Promise<void>) | undefined;

	beforeAll(async () => {
		let env: Record<string, string>;
		if (kind === 'postgres') {
			const created = await createPostgresDatabase('hb_parent');
			env = { DATABASE_URL: created.url };
			dropDatabase = created.drop;
		} else {
			env = { DATA_DIR: tempDir('hb-parent') };
		}
		const cli = await runCli(['demo', '--json'], env);
		expect(cli.status, cli.stderr).toBe(0);
		demo = JSON.parse(cli.stdout) as DemoCredentials;
		server = await startServer(env);
	});

	afterAll(async () => {
		await server?.stop();
		await dropDatabase?.();
	});

	const demoPhone = '020 123 4567';
	const pathOf = (surname: string) =>
		new URL(demo.families.find((f) => f.name.includes(surname))!.url).pathname;
	const post = (pathname: string, form: Record<string, string>, lang = 'en') =>
		fetch(server.url + pathname, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'text/html',
				Origin: server.url,
				Cookie: `lang=${lang}`
			},
			body: new URLSearchParams(form)
		});
	const slotsOn = async (pathname: string) =>
		[
			...(await (await fetch(`${server.url}${pathname}/book?place=school`)).text()).matchAll(
				/name="slotId" value="([0-9a-f-]{36})"/g
			)
		].map((m) => m[1]!);

	it('refuses bad input with a message in the parent language, never a 500', async () => {
		const path = pathOf('Bakker');
		const [slotId] = await slotsOn(path);
		const cases: Record<string, string>[] = [
			{ location: 'school', slotId: 'x'.repeat(10_000) },
			{ location: 'school', slotId: "'; drop table booking; --" },
			{ location: '<script>', slotId: slotId! },
			{
				location: 'school',
				slotId: slotId!,
				interpreter: 'arrange',
				interpreterLanguage: 'klingon'
			},
			{ location: 'school', slotId: slotId!, questions: 'q'.repeat(10_000) },
			{
				location: 'home',
				slotId: slotId!,
				visitAddress: 'Straat 1\r\nBcc: evil@example.org'.repeat(20)
			},
			{ location: 'neutral', slotId: slotId!, placeId: '00000000-0000-4000-8000-000000000000' },
			{ location: 'school', slotId: '00000000-0000-4000-8000-000000000000' }
		];
		for (const form of cases) {
			const response = await post(`${path}/book`, form, 'pl');
			expect([400, 409]).toContain(response.status);
			const html = await response.text();
			expect(html).toContain('lang="pl"');
			expect(html).toContain('role="alert"');
		}
	});

	it("does not book another teacher's slot, and answers an unknown token with 404", async () => {
		// Osei's teacher is not Bakker's: the slot exists, but not for this family.
		const [othersSlot] = await slotsOn(pathOf('Osei'));
		const response = await post(`${pathOf('Bakker')}/book`, {
			location: 'school',
			slotId: othersSlot!,
			interpreter: 'none'
		});
		expect(response.status).toBe(409);
		expect(await response.text()).toContain('This time belongs to another teacher');
		expect(
			(await post('/f/' + 'a'.repeat(32) + '/book', { location: 'school', slotId: othersSlot! }))
				.status
		).toBe(404);
		expect((await fetch(`${server.url}${pathOf('Bakker')}/visit.ics`)).status).toBe(404);
	});

	it('books, serves a calendar file without the child or the link, and keeps the answer private', async () => {
		// A family of its own: the other tests need Bakker without a visit.
		const path = pathOf('García');
		const [slotId] = await slotsOn(path);
		const booked = await post(`${path}/book`, {
			location: 'home',
			slotId: slotId!,
			interpreter: 'none',
			questions: '<b>Lucía</b> houdt van voetbal'
		});
		expect(booked.status).toBe(303);
		const ics = await fetch(`${server.url}${path}/visit.ics`);
		expect(ics.headers.get('content-type')).toContain('text/calendar');
		const text = await ics.text();
		expect(text).toContain('BEGIN:VEVENT');
		expect(text).not.toMatch(/Lucía|García|Tidorestraat|\/f\//);
		// Another family's page shows nothing of it.
		expect(await (await fetch(`${server.url}${pathOf('Nowak')}`)).text()).not.toContain('voetbal');
		// Opening a link changes nothing: a GET of the booking page leaves the answer as it is.
		const page = await (await fetch(`${server.url}${path}`)).text();
		expect(page).toContain('&lt;b>Lucía&lt;/b> houdt van voetbal');
		// The page's data is not written out for a script (render-only.ts), but a browser with
		// script that asks for the data itself (coming from a staff page) still gets all of it.
		const data = await fetch(`${server.url}${path}/__data.json`);
		expect(data.status).toBe(200);
		const json = await data.text();
		expect(json).toContain('houdt van voetbal');
		expect(json).not.toContain('RenderOnly');
	});

	it('answers a re-post of the same booking with "saved" and changes nothing; after ten changes in an hour it gives the phone number', async () => {
		const path = pathOf('Peters');
		const slots = await slotsOn(path);
		const same = {
			location: 'school',
			slotId: slots[0]!,
			interpreter: 'none',
			questions: 'Over lezen'
		};
		expect((await post(`${path}/book`, same)).headers.get('location')).toBe(`${path}?saved=booked`);
		for (let i = 0; i < 5; i++) {
			const again = await post(`${path}/book`, same);
			expect(again.status).toBe(303);
			expect(again.headers.get('location')).toBe(`${path}?saved=unchanged`);
		}
		// Nine more real changes reach the limit of ten; the eleventh is refused with the school's phone.
		for (let i = 1; i <= 9; i++)
			expect(
				(await post(`${path}/book`, { ...same, slotId: slots[i % 2]! })).headers.get('location')
			).toBe(`${path}?saved=booked`);
		const refused = await post(`${path}/book`, { ...same, slotId: slots[2]! }, 'tr');
		expect(refused.status).toBe(409);
		const html = await refused.text();
		expect(html).toContain('Son bir saatte çok değişiklik yaptınız');
		expect(html).toContain(demoPhone);
	});

	it('books with an interpreter the family brings, without JavaScript, and refuses it without a language in the parent language', async () => {
		const en = messages('en');
		const ar = messages('ar');
		const path = pathOf('Petrova');
		// The form starts at "no interpreter", with the family's home language ready in the list.
		const form = await (await fetch(`${server.url}${path}/book?place=school`)).text();
		expect(form).toMatch(/<input[^>]*value="none"[^>]*checked/);
		expect(form).toMatch(/<option value="bg"[^>]*selected/);

		const [slotId] = await slotsOn(path);
		const refused = await post(
			`${path}/book`,
			{ location: 'school', slotId: slotId!, interpreter: 'bring', interpreterLanguage: '' },
			'ar'
		);
		expect(refused.status).toBe(400);
		const html = await refused.text();
		expect(html).toContain('lang="ar"');
		expect(html).toContain(ar.family.problems.choose_interpreter_language);
		// The choice comes back as the parent made it.
		expect(html).toMatch(/<input[^>]*value="bring"[^>]*checked/);

		const booked = await post(`${path}/book`, {
			location: 'school',
			slotId: slotId!,
			interpreter: 'bring',
			interpreterLanguage: 'bg'
		});
		expect(booked.headers.get('location')).toBe(`${path}?saved=booked`);
		const page = await (
			await fetch(`${server.url}${path}`, { headers: { Cookie: 'lang=en' } })
		).text();
		expect(page).toContain(en.family.interpreter_bring.replace('{{language}}', 'Bulgarian'));
		expect(page).not.toContain(en.family.interpreter_arrange.replace('{{language}}', ''));
		const again = await (
			await fetch(`${server.url}${path}/book`, { headers: { Cookie: 'lang=en' } })
		).text();
		expect(again).toMatch(/<input[^>]*value="bring"[^>]*checked/);
	});
	it("puts the family's home language first in the language picker and the interpreter list", async () => {
		const firstLanguages = async (surname: string) => {
			const html = await (
				await fetch(`${server.url}${pathOf(surname)}/book?place=home`, {
					headers: { Cookie: 'lang=nl' }
				})
			).text();
			const picker = html.slice(html.indexOf('class="parent-languages"'));
			const interpreter = html.slice(html.indexOf('id="interpreterLanguage"'));
			return {
				picker: picker.match(/name="lang" value="([a-z]+)"/)![1],
				interpreter: interpreter.match(/<option value="([a-z]+)"/)![1]
			};
		};
		// Yılmaz reads Turkish: second in both lists otherwise (after Dutch, after Arabic).
		expect(await firstLanguages('Yılmaz')).toEqual({ picker: 'tr', interpreter: 'tr' });
		// A Dutch-speaking family keeps the usual order: Dutch first, no interpreter language moved.
		expect(await firstLanguages('Bakker')).toEqual({ picker: 'nl', interpreter: 'ar' });
	});
});
