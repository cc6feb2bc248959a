/**
 * Every refused form answers in one shape, `{ errors, values }`: `errors` maps a field (or `form`,
 * for a refusal of the whole submission) to a message key, and `values` gives the form back.
 * Each refusal is asked twice over HTTP from the built server: as SvelteKit's own script asks
 * (`x-sveltekit-action`, the data itself) and as a browser without script does (the page, which
 * must show every one of those messages in words).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, createPostgresDatabase, tempDir } from '../support/databases';
import {
	cookieHeader,
	cookieJar,
	runCli,
	startServer,
	type RunningServer
} from '../support/server';
import type { DemoCredentials } from '../../src/lib/server/demo/load';
import nl from '../../messages/nl.json';

const CLOCK = '2026-10-15T08:00:00Z';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * devalue's flat table (SvelteKit's wire format for action data) back into plain values: enough
 * for objects, arrays, strings, numbers and booleans, which is all a refused form holds.
 */
function revive(table: unknown[], index: number): unknown {
	if (index === -1) return undefined;
	if (index < 0) return null;
	const value = table[index];
	if (Array.isArray(value))
		return typeof value[0] === 'string' ? value : value.map((i: number) => revive(table, i));
	if (value && typeof value === 'object')
		return Object.fromEntries(
			Object.entries(value).map(([k, i]) => [k, revive(table, i as number)])
		);
	return value;
}

const sorted = (value: unknown) =>
	value && typeof value === 'object'
		? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
		: value;

function message(key: string): string {
	const lookup = (path: string) =>
		path
			.split('.')
			.reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], nl);
	// A count of minutes: the plural form.
	const found = lookup(key) ?? lookup(`${key}_other`);
	if (typeof found !== 'string') throw new Error(`no Dutch text for ${key}`);
	return found;
}

/** The words of a message as a page prints them: the parts around its {{values}}, HTML-escaped. */
const shownParts = (key: string) =>
	message(key)
		.split(/\{\{[^}]+\}\}/)
		.map((part) => part.trim().replace(/&/g, '&amp;').replace(/</g, '&lt;'))
		.filter(Boolean);

interface Refusal {
	label: string;
	path: string;
	fields: Record<string, string | string[]>;
	as: 'nobody' | 'admin' | 'teacher';
	status: number;
	errors: Record<string, string>;
	/** Values the page needs back, checked as far as given. */
	values?: Record<string, unknown>;
	/** False where the page cannot show it: its load sends the reader elsewhere, or no form on it was sent. */
	page?: false;
}

describe.each(databaseKinds)('refused forms on %s', (kind) => {
	let server: RunningServer;
	let demo: DemoCredentials;
	let dropDatabase: (() => Promise<void>) | undefined;
	const sessions: Record<Refusal['as'], string> = { nobody: '', admin: '', teacher: '' };
	const refusals: Refusal[] = [];

	const pathOf = (surname: string) =>
		new URL(demo.families.find((f) => f.name.includes(surname))!.url).pathname;
	const send = (
		pathname: string,
		fields: Record<string, string | string[]>,
		cookie: string,
		data: boolean
	) => {
		const body = new URLSearchParams();
		for (const [name, value] of Object.entries(fields))
			for (const v of [value].flat()) body.append(name, v);
		return fetch(server.url + pathname, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Origin: server.url,
				Cookie: `lang=nl${cookie ? `; ${cookie}` : ''}`,
				...(data
					? { Accept: 'application/json', 'x-sveltekit-action': 'true' }
					: { Accept: 'text/html' })
			},
			body
		});
	};
	const page = async (pathname: string, cookie = '') =>
		(await fetch(server.url + pathname, { headers: { Cookie: `lang=nl; ${cookie}` } })).text();
	const ids = (html: string, pattern: string) => [
		...new Set([...html.matchAll(new RegExp(pattern, 'g'))].map((m) => m[1]!))
	];

	beforeAll(async () => {
		let env: Record<string, string>;
		if (kind === 'postgres') {
			const created = await createPostgresDatabase('hb_forms');
			env = { DATABASE_URL: created.url };
			dropDatabase = created.drop;
		} else {
			env = { DATA_DIR: tempDir('hb-forms') };
		}
		env.FAKE_NOW = CLOCK;
		const cli = await runCli(['demo', '--json'], env);
		expect(cli.status, cli.stderr).toBe(0);
		demo = JSON.parse(cli.stdout) as DemoCredentials;
		server = await startServer(env);

		const signIn = async (email: string) => {
			const response = await send(
				'/sign-in',
				{ email, password: demo.staff.find((s) => s.email === email)!.password },
				'',
				false
			);
			expect(response.status).toBe(303);
			return cookieHeader(cookieJar(response));
		};
		const office = demo.staff.find((s) => s.title === 'office')!;
		const jeroen = demo.staff.find((s) => s.email.startsWith('jeroen'))!;
		sessions.admin = await signIn(office.email);
		sessions.teacher = await signIn(jeroen.email);

		// A family of Jeroen's books a time, so that moving or deleting it asks to be sure.
		const bakker = pathOf('Bakker');
		const [slotId, anotherSlot] = ids(
			await page(`${bakker}/book?place=school`),
			`name="slotId" value="(${UUID})"`
		);
		const booked = await send(
			`${bakker}/book`,
			{ location: 'school', slotId: slotId!, interpreter: 'none' },
			'',
			false
		);
		expect(booked.status).toBe(303);
		const [othersSlot] = ids(
			await page(`${pathOf('Osei')}/book?place=school`),
			`name="slotId" value="(${UUID})"`
		);

		const families = await page('/staff/families', sessions.admin);
		const [familyId] = ids(families, `href="/staff/families/(${UUID})"`);
		const team = await page('/staff/team', sessions.admin);
		const [someone] = ids(team, `href="/staff/team/(${UUID})"`);
		const reports = await page('/staff/reports', sessions.teacher);
		const [report] = ids(reports, `href="/staff/reports/(${UUID})"`);
		expect([familyId, someone, report, othersSlot, anotherSlot].every(Boolean)).toBe(true);
		const invited = await send(
			'/staff/team?/invite',
			{ name: 'Nieuwe Collega', email: 'nieuw@spitsbergen.example', title: 'teacher' },
			sessions.admin,
			false
		);
		const setupPath = /\/setup\/[a-z2-7]+/.exec(await invited.text())?.[0];
		expect(setupPath).toBeTruthy();
		const me = /href="\/staff\/team\/([0-9a-f-]{36})"[^>]*>Marieke Smit/.exec(team)?.[1];
		expect(me).toBeTruthy();
		const newsletter = new URL(demo.newsletterUrl!).pathname;
		const long = (n: number) => 'x'.repeat(n);
		const [placeId] = ids(
			await page('/staff/places', sessions.admin),
			`name="id" value="(${UUID})"`
		);
		expect(placeId).toBeTruthy();

		// Limits reached: ten wrong passwords for the director, three requests for one address.
		const director = demo.staff.find((s) => s.title === 'director')!;
		for (let i = 0; i < 10; i++)
			await send('/sign-in', { email: director.email, password: 'fout-fout-fout' }, '', false);
		for (let i = 0; i < 3; i++)
			await send('/sign-in/forgot', { email: 'niemand@spitsbergen.example' }, '', false);
		for (let i = 0; i < 3; i++)
			await send(newsletter, { email: 'niemand@spitsbergen.example' }, '', false);

		refusals.push(
			{
				label: 'sign-in without anything',
				path: '/sign-in',
				fields: { email: '', password: '' },
				as: 'nobody',
				status: 400,
				errors: { email: 'sign_in.email_required', password: 'sign_in.password_required' },
				values: { email: '' }
			},
			{
				label: 'sign-in with a wrong password',
				path: '/sign-in',
				fields: { email: office.email, password: 'fout-fout-fout' },
				as: 'nobody',
				status: 400,
				errors: { form: 'sign_in.invalid' },
				values: { email: office.email }
			},
			{
				label: 'sign-in too often',
				path: '/sign-in',
				fields: { email: director.email, password: 'fout-fout-fout' },
				as: 'nobody',
				status: 429,
				errors: { form: 'sign_in.rate_limited' },
				values: { email: director.email }
			},
			{
				label: 'forgotten password, not an address',
				path: '/sign-in/forgot',
				fields: { email: 'kantoor' },
				as: 'nobody',
				status: 400,
				errors: { form: 'sign_in.email_invalid' },
				values: { email: 'kantoor' }
			},
			{
				label: 'forgotten password, asked too often',
				path: '/sign-in/forgot',
				fields: { email: 'niemand@spitsbergen.example' },
				as: 'nobody',
				status: 429,
				errors: { form: 'sign_in.forgot_rate_limited' },
				values: { email: 'niemand@spitsbergen.example' }
			},
			// The page of a link that does not work says so by itself.
			{
				label: 'setup through a link that does not work',
				path: '/setup/aaaaaaaa',
				fields: { password: 'een-lang-wachtwoord', confirm: 'een-lang-wachtwoord' },
				as: 'nobody',
				status: 410,
				errors: { form: 'setup.invalid_link' },
				values: {},
				page: false
			},
			{
				label: 'setup, two different passwords',
				path: setupPath!,
				fields: { password: 'een-lang-wachtwoord', confirm: 'een-ander-wachtwoord' },
				as: 'nobody',
				status: 400,
				errors: { confirm: 'setup.mismatch' }
			},
			{
				label: 'setup, too short',
				path: setupPath!,
				fields: { password: 'kort', confirm: 'kort' },
				as: 'nobody',
				status: 400,
				errors: { form: 'setup.password_too_short' }
			},
			{
				label: 'newsletter, not an address',
				path: newsletter,
				fields: { email: 'not an address' },
				as: 'nobody',
				status: 400,
				errors: { email: 'newsletter.invalid_email' },
				values: { email: 'not an address' }
			},
			{
				label: 'newsletter, asked too often',
				path: newsletter,
				fields: { email: 'niemand@spitsbergen.example' },
				as: 'nobody',
				status: 429,
				errors: { form: 'newsletter.rate_limited' },
				values: { email: 'niemand@spitsbergen.example' }
			},
			{
				label: 'a parent books with too much and too little',
				path: `${bakker}/book`,
				fields: {
					location: 'home',
					questions: long(1001),
					interpreter: 'arrange',
					visitAddress: long(201)
				},
				as: 'nobody',
				status: 400,
				errors: {
					slotId: 'family.problems.choose_slot',
					interpreterLanguage: 'family.problems.choose_interpreter_language',
					questions: 'family.problems.questions_too_long',
					visitAddress: 'family.problems.address_too_long'
				},
				values: { location: 'home', interpreter: 'arrange' }
			},
			{
				label: "a parent books another teacher's time",
				path: `${bakker}/book`,
				fields: { location: 'school', slotId: othersSlot!, interpreter: 'none' },
				as: 'nobody',
				status: 409,
				errors: { form: 'family.problems.not_your_teacher' },
				values: { location: 'school', slotId: othersSlot! }
			},
			{
				label: 'a parent declines with too long a reason',
				path: `${pathOf('Kowalska')}/decline`,
				fields: { reason: 'privacy', reasonText: long(501) },
				as: 'nobody',
				status: 400,
				errors: { reasonText: 'family.problems.reason_too_long' },
				values: { reason: 'privacy' }
			},
			// The cancel page itself goes back to the family's page when nothing is booked.
			{
				label: 'a parent cancels what was never booked',
				path: `${pathOf('Kowalska')}/cancel`,
				fields: {},
				as: 'nobody',
				status: 409,
				errors: { form: 'family.problems.slot_gone' },
				values: {},
				page: false
			},
			{
				label: 'a place without a name',
				path: '/staff/places?/add',
				fields: { name: '', address: 'Laan 1', accessibility: '' },
				as: 'admin',
				status: 400,
				errors: { form: 'places.errors.name_required' },
				values: { action: 'add', address: 'Laan 1' }
			},
			{
				label: 'a place renamed to nothing',
				path: '/staff/places?/update',
				fields: { id: placeId!, name: '', address: 'Laan 1', accessibility: '' },
				as: 'admin',
				status: 400,
				errors: { form: 'places.errors.name_required' },
				values: { action: 'update', id: placeId! }
			},
			{
				label: 'a place that is not there',
				path: '/staff/places?/update',
				fields: { id: 'nope', name: 'Buurthuis', address: 'Laan 1', accessibility: '' },
				as: 'admin',
				status: 404,
				errors: { form: 'places.errors.not_found' },
				values: { action: 'update', id: 'nope' },
				page: false
			},
			{
				label: 'school details without a name',
				path: '/staff/school',
				fields: {
					name: '',
					phone: long(41),
					replyTo: 'kantoor at school',
					timeZone: 'Europe/Amsterdam'
				},
				as: 'admin',
				status: 400,
				errors: {
					name: 'school_settings.errors.name',
					phone: 'school_settings.errors.too_long',
					replyTo: 'school_settings.errors.reply_to'
				}
			},
			{
				label: 'an invitation to no address',
				path: '/staff/team?/invite',
				fields: { name: 'Iemand', email: 'iemand', title: 'teacher' },
				as: 'admin',
				status: 400,
				errors: { form: 'team.errors.invalid_email' },
				values: { name: 'Iemand', email: 'iemand', title: 'teacher' }
			},
			{
				label: 'switching oneself off',
				path: `/staff/team/${me}?/active`,
				fields: {},
				as: 'admin',
				status: 400,
				errors: { form: 'team.errors.self' },
				values: { action: 'active' }
			},
			{
				label: 'slots without dates',
				path: '/staff/slots/new',
				fields: {
					from: '',
					to: '',
					weekday: ['2'],
					startTime: '15:30',
					endTime: '20:00',
					visitMinutes: '45',
					travelMinutes: '15',
					place: ['home']
				},
				as: 'teacher',
				status: 400,
				errors: { form: 'slots.errors.invalid_dates' },
				values: { startTime: '15:30', weekdays: [2], places: ['home'] }
			},
			{
				label: 'slots with a made-up colleague',
				path: '/staff/slots/new',
				fields: {
					from: '2026-10-19',
					to: '2026-10-23',
					weekday: ['2'],
					startTime: '15:30',
					endTime: '20:00',
					visitMinutes: '45',
					travelMinutes: '15',
					place: ['home'],
					secondStaffId: 'not-a-colleague'
				},
				as: 'teacher',
				status: 400,
				errors: { secondStaffId: 'slots.errors.unknown_staff' },
				values: { secondStaffId: 'not-a-colleague' }
			},
			{
				label: 'a slot moved to no time',
				path: `/staff/slots/${slotId}?/move`,
				fields: { date: '2026-10-20', start: '25:99' },
				as: 'teacher',
				status: 400,
				errors: { when: 'slots.errors.invalid_times' },
				values: { action: 'move', date: '2026-10-20', start: '25:99' }
			},
			{
				label: 'a booked slot moved',
				path: `/staff/slots/${slotId}?/move`,
				fields: { date: '2026-10-20', start: '19:00' },
				as: 'teacher',
				status: 409,
				errors: { confirmed: 'slots.confirm_move' },
				values: { action: 'move', date: '2026-10-20', start: '19:00' }
			},
			{
				label: 'a booked slot deleted',
				path: `/staff/slots/${slotId}?/delete`,
				fields: {},
				as: 'teacher',
				status: 409,
				errors: { confirmed: 'slots.confirm_delete' },
				values: { action: 'delete' }
			},
			{
				label: 'a roster without a file',
				path: '/staff/roster',
				fields: {},
				as: 'admin',
				status: 400,
				errors: { file: 'roster.errors.no_file' },
				values: {}
			},
			{
				label: 'an import of a file that is gone',
				path: `/staff/roster/${familyId}`,
				fields: {},
				as: 'admin',
				status: 410,
				errors: { form: 'roster.errors.upload_gone' },
				values: {},
				page: false
			},
			{
				label: 'a round without a name',
				path: '/staff/rounds/new',
				fields: { name: '', startsOn: '2027-03-01', endsOn: '2027-03-26' },
				as: 'admin',
				status: 400,
				errors: { form: 'rounds.errors.name_required' },
				values: { startsOn: '2027-03-01' }
			},
			{
				label: 'a report without anything',
				path: `/staff/reports/${report}`,
				fields: { held: 'yes', date: '', time: '' },
				as: 'teacher',
				status: 400,
				errors: {
					when: 'reports.errors.when',
					staff: 'reports.errors.staff',
					mainPoints: 'reports.errors.main_points'
				},
				values: { held: 'yes' }
			},
			{
				label: 'retention settings out of range',
				path: '/staff/privacy?/save',
				fields: { schoolYearEnds: '31-07', bookings: '5', reportMonths: '0' },
				as: 'admin',
				status: 400,
				errors: {
					schoolYearEnds: 'privacy.errors.school_year_ends',
					bookings: 'privacy.errors.bookings',
					reportMonths: 'privacy.errors.report_months'
				},
				values: { schoolYearEnds: '31-07' }
			},
			{
				label: 'erasing a family unconfirmed',
				path: `/staff/privacy/families/${familyId}?/erase`,
				fields: {},
				as: 'admin',
				status: 400,
				errors: { confirmed: 'privacy.erase_needs_confirm' },
				values: {}
			},
			{
				label: 'letters for nobody',
				path: '/staff/families/letters',
				fields: { scope: 'some' },
				as: 'admin',
				status: 400,
				errors: { scope: 'families.letters_choose' },
				values: {}
			},
			{
				label: 'the office books without a time',
				path: `/staff/families/${familyId}?/book`,
				fields: { location: 'school', note: 'Belde op maandag' },
				as: 'admin',
				status: 400,
				errors: { slotId: 'families.errors.choose_slot' },
				values: { action: 'book', location: 'school', note: 'Belde op maandag' }
			},
			{
				label: 'the office declines with too long a reason',
				path: `/staff/families/${familyId}?/decline`,
				fields: { reasonText: long(501) },
				as: 'admin',
				status: 400,
				errors: { reasonText: 'families.errors.reason_too_long' },
				values: { action: 'decline' }
			},
			{
				label: 'the office gives a family to nobody',
				path: `/staff/families/${familyId}?/reassign`,
				fields: { staffId: someone!.replace(/.$/, (c) => (c === '0' ? '1' : '0')) },
				as: 'admin',
				status: 400,
				errors: { form: 'families.errors.unknown_teacher' },
				values: { action: 'reassign' }
			}
		);
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
		await dropDatabase?.();
	});

	it('answers every refusal with { errors, values }: a message key per field or for the form, and the form back', async () => {
		const wrong: string[] = [];
		for (const r of refusals) {
			const response = await send(r.path, r.fields, sessions[r.as], true);
			const body = (await response.json()) as { type: string; status: number; data: string };
			const data =
				body.type === 'failure'
					? (revive(JSON.parse(body.data) as unknown[], 0) as Record<string, unknown>)
					: { ...body };
			const seen = JSON.stringify({ status: body.status, data });
			if (body.type !== 'failure' || body.status !== r.status) wrong.push(`${r.label}: ${seen}`);
			else if (Object.keys(data).sort().join() !== 'errors,values')
				wrong.push(`${r.label}: shape ${seen}`);
			else if (JSON.stringify(sorted(data.errors)) !== JSON.stringify(sorted(r.errors)))
				wrong.push(`${r.label}: errors ${seen}`);
			else if (
				r.values &&
				!Object.entries(r.values).every(
					([k, v]) =>
						JSON.stringify((data.values as Record<string, unknown>)[k]) === JSON.stringify(v)
				)
			)
				wrong.push(`${r.label}: values ${seen}`);
		}
		expect(wrong).toEqual([]);
	});

	it('shows every message of a refusal in words on the page without script', async () => {
		const missing: string[] = [];
		const count = (html: string, part: string) => html.split(part).length - 1;
		for (const r of refusals.filter((r) => r.page !== false)) {
			const response = await send(r.path, r.fields, sessions[r.as], false);
			const html = await response.text();
			if (response.status !== r.status) missing.push(`${r.label}: status ${response.status}`);
			// The words are new on the page: the same page before the form was sent does not hold them.
			const before = await page(r.path.replace(/\?\/.*$/, ''), sessions[r.as]);
			for (const key of Object.values(r.errors))
				for (const part of shownParts(key))
					if (count(html, part) <= count(before, part))
						missing.push(`${r.label}: ${key} (“${part}”)`);
		}
		expect(missing).toEqual([]);
	});
});
