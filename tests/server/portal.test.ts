/**
 * The built portal as a process, on each database: what a browser, an attacker and an operator
 * see over HTTP. Needs `npm run build` first (the test command does it).
 */
import fs from 'node:fs';
import path from 'node:path';
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

describe.each(databaseKinds)('the portal on %s', (kind) => {
	let server: RunningServer;
	let env: Record<string, string>;
	let demo: DemoCredentials;
	let dropDatabase: (() => Promise<void>) | undefined;
	let teacher: DemoCredentials['staff'][number];

	beforeAll(async () => {
		if (kind === 'postgres') {
			const created = await createPostgresDatabase('hb_server');
			env = { DATABASE_URL: created.url };
			dropDatabase = created.drop;
		} else {
			env = { DATA_DIR: tempDir('hb-server') };
		}
		const cli = await runCli(['demo', '--json'], env);
		expect(cli.status, cli.stderr).toBe(0);
		demo = JSON.parse(cli.stdout) as DemoCredentials;
		teacher = demo.staff.find((s) => s.role === 'teacher')!;
		server = await startServer(env);
	});

	afterAll(async () => {
		await server?.stop();
		await dropDatabase?.();
	});

	const post = (
		pathname: string,
		form: Record<string, string>,
		headers: Record<string, string> = {}
	) =>
		fetch(server.url + pathname, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'text/html',
				Origin: server.url,
				...headers
			},
			body: new URLSearchParams(form)
		});

	const signInAs = async (email: string, password: string) => {
		const response = await post('/sign-in', { email, password });
		return { response, jar: cookieJar(response) };
	};

	it('reports a healthy database', async () => {
		const response = await fetch(`${server.url}/healthz`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: 'ok', database: 'up', kind });
	});

	it('sends security headers and a CSP without inline scripts', async () => {
		const response = await fetch(`${server.url}/sign-in`);
		const csp = response.headers.get('content-security-policy') ?? '';
		const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
		expect(scriptSrc).toContain("'self'");
		expect(scriptSrc).not.toContain('unsafe-inline');
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("object-src 'none'");
		expect(response.headers.get('referrer-policy')).toBe('same-origin');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		// Plain http: no HSTS (see the https server below).
		expect(response.headers.get('strict-transport-security')).toBeNull();
		expect(response.headers.get('cache-control')).toContain('no-store');
		const html = await response.text();
		expect(html).toMatch(/<html lang="nl" dir="ltr">/);
	});

	it('answers in English when the browser asks, and keeps a chosen language', async () => {
		const english = await fetch(`${server.url}/sign-in`, {
			headers: { 'Accept-Language': 'en-GB,en;q=0.9' }
		});
		expect(await english.text()).toContain('<html lang="en" dir="ltr">');
		const choose = await post('/language', { lang: 'en', back: '/sign-in' });
		expect(choose.status).toBe(303);
		expect(choose.headers.get('location')).toBe('/sign-in');
		const page = await fetch(`${server.url}/sign-in`, {
			headers: { Cookie: cookieHeader(cookieJar(choose)), 'Accept-Language': 'nl' }
		});
		expect(await page.text()).toContain('Sign in with your school e-mail address');
		const away = await post('/language', { lang: 'en', back: '//evil.example/x' });
		expect(away.headers.get('location')).toBe('/');
	});

	it('never sends anyone to another site after sign-in or a language choice, and never fails on a hostile path', async () => {
		const { jar } = await signInAs(teacher.email, teacher.password);
		// Tab, CR, LF, backslashes, dot segments and their percent-encodings, as a browser would send them.
		const hostile = [
			'%2F%09%2Fevil.example%2F',
			'%2F%09%5Cevil.example%2Fx',
			'%2F%0A%2Fevil.example',
			'%2F%0D%0A%2Fevil.example',
			'%2F%5C%2Fevil.example',
			'%2F.%2F%2Fevil.example',
			'%2F%2E%2E%2F%2Fevil.example',
			'%2F%00%2Fevil.example',
			'%2F%EF%BC%8Fevil.example'
		];
		for (const next of hostile) {
			// Signed in: the sign-in page sends on at once.
			const page = await fetch(`${server.url}/sign-in?next=${next}`, {
				redirect: 'manual',
				headers: { Cookie: cookieHeader(jar) }
			});
			expect(page.status, next).toBe(303);
			const location = page.headers.get('location')!;
			expect(new URL(location, 'https://school.example').origin, `${next} → ${location}`).toBe(
				'https://school.example'
			);
			// Signing in with that next.
			const signedIn = await fetch(`${server.url}/sign-in?next=${next}`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'text/html',
					Origin: server.url
				},
				body: new URLSearchParams({ email: teacher.email, password: teacher.password })
			});
			expect(signedIn.status, next).toBe(303);
			expect(new URL(signedIn.headers.get('location')!, 'https://school.example').origin).toBe(
				'https://school.example'
			);
			// The language form's way back.
			const back = await post('/language', { lang: 'en', back: decodeURIComponent(next) });
			expect(back.status, next).toBe(303);
			expect(new URL(back.headers.get('location')!, 'https://school.example').origin).toBe(
				'https://school.example'
			);
		}
	});

	it('refuses a form POST from a foreign origin', async () => {
		const foreign = await post(
			'/sign-in',
			{ email: teacher.email, password: teacher.password },
			{ Origin: 'https://evil.example' }
		);
		expect(foreign.status).toBe(403);
		expect(foreign.headers.get('set-cookie')).toBeNull();
		// Origin "null" (a sandboxed frame, or a no-referrer page elsewhere) is refused too, whatever
		// Sec-Fetch-Site says or whether it is sent at all (older browsers): our own pages send their origin.
		for (const site of ['cross-site', 'same-site', 'same-origin', null]) {
			const hidden = await post(
				'/sign-in',
				{ email: teacher.email, password: teacher.password },
				{ Origin: 'null', ...(site && { 'Sec-Fetch-Site': site }) }
			);
			expect(hidden.status, String(site)).toBe(403);
			expect(hidden.headers.get('set-cookie')).toBeNull();
		}
		// No Origin at all.
		const none = await fetch(server.url + '/sign-in', {
			method: 'POST',
			redirect: 'manual',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: teacher.email, password: teacher.password })
		});
		expect(none.status).toBe(403);
	});

	it('sends nosniff on static files too', async () => {
		const html = await (await fetch(`${server.url}/sign-in`)).text();
		const assets = [...html.matchAll(/(?:href|src)="\.?\.?(\/_app\/immutable\/[^"]+)"/g)].map(
			(m) => m[1]!
		);
		expect(assets.length).toBeGreaterThan(0);
		for (const asset of [...assets, '/favicon.svg']) {
			const response = await fetch(server.url + asset);
			expect(response.status, asset).toBe(200);
			expect(response.headers.get('x-content-type-options'), asset).toBe('nosniff');
		}
	});

	it('gives the same answer for an unknown account and a wrong password', async () => {
		const wrong = await post('/sign-in', { email: teacher.email, password: 'wrong password!' });
		const unknown = await post('/sign-in', {
			email: 'nobody@spitsbergen.example',
			password: 'wrong password!'
		});
		const alert = (html: string) => html.match(/<p class="alert"[^>]*>([^<]*)<\/p>/)?.[1];
		const [a, b] = [await wrong.text(), await unknown.text()];
		expect(wrong.status).toBe(400);
		expect(unknown.status).toBe(wrong.status);
		expect(alert(a)).toBe('Het e-mailadres of het wachtwoord klopt niet.');
		expect(alert(b)).toBe(alert(a));
	});

	it('sets a __Host- session cookie that is HttpOnly, Secure, SameSite=Lax, Path=/ and expires', async () => {
		const { response } = await signInAs(teacher.email, teacher.password);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/staff');
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__Host-session='))!;
		expect(cookie).toBeDefined();
		expect(cookie).toMatch(/; HttpOnly/i);
		expect(cookie).toMatch(/; Secure/i);
		expect(cookie).toMatch(/; SameSite=Lax/i);
		expect(cookie).toMatch(/; Path=\/(;|$)/);
		expect(cookie).not.toMatch(/; Domain=/i);
		expect(cookie).toMatch(/; Expires=/i);
	});

	it('makes a stolen cookie useless after sign-out', async () => {
		const { jar } = await signInAs(teacher.email, teacher.password);
		const stolen = cookieHeader(jar);
		const before = await fetch(`${server.url}/staff`, {
			headers: { Cookie: stolen },
			redirect: 'manual'
		});
		expect(before.status).toBe(200);
		expect(await before.text()).toContain(teacher.name);

		const out = await post('/sign-out', {}, { Cookie: stolen });
		expect(out.status).toBe(303);
		const after = await fetch(`${server.url}/staff`, {
			headers: { Cookie: stolen },
			redirect: 'manual'
		});
		expect(after.status).toBe(303);
		expect(after.headers.get('location')).toBe('/sign-in?next=%2Fstaff');
	});

	it('does not sign out on a GET', async () => {
		const { jar } = await signInAs(teacher.email, teacher.password);
		await fetch(`${server.url}/sign-out`, {
			headers: { Cookie: cookieHeader(jar) },
			redirect: 'manual'
		});
		const still = await fetch(`${server.url}/staff`, {
			headers: { Cookie: cookieHeader(jar) },
			redirect: 'manual'
		});
		expect(still.status).toBe(200);
	});

	it('shows the team only to admins, and only of their own school', async () => {
		const admin = demo.staff.find((s) => s.role === 'admin')!;
		const asAdmin = (await signInAs(admin.email, admin.password)).jar;
		const adminPage = await (
			await fetch(`${server.url}/staff/team`, { headers: { Cookie: cookieHeader(asAdmin) } })
		).text();
		expect(adminPage).toContain(teacher.email);
		const asTeacher = (await signInAs(teacher.email, teacher.password)).jar;
		const teacherPage = await fetch(`${server.url}/staff/team`, {
			headers: { Cookie: cookieHeader(asTeacher) }
		});
		expect(teacherPage.status).toBe(403);
		expect(await teacherPage.text()).not.toContain(admin.email);
		// Actions check the role too, not only the page: a teacher's invitation is refused.
		const invite = await post(
			'/staff/team?/invite',
			{ name: 'Indringer', email: 'x@spitsbergen.example', title: 'director' },
			{ Cookie: cookieHeader(asTeacher) }
		);
		expect(invite.status).toBe(403);
	});

	it('answers bad input with a message, never a 500', async () => {
		const cases: Record<string, string>[] = [
			{ email: 'x'.repeat(10_000), password: 'y'.repeat(10_000) },
			{ email: 'a@b.nl\r\nBcc: c@d.nl', password: 'p' },
			{ email: '<script>alert(1)</script>', password: '' },
			{ email: '\u0000\u0001', password: '\u0000' },
			{}
		];
		for (const form of cases) {
			const response = await post('/sign-in', form);
			expect(response.status, JSON.stringify(form).slice(0, 60)).toBe(400);
			const html = await response.text();
			expect(html).not.toContain('<script>alert(1)</script>');
		}
		const latin1 = await fetch(`${server.url}/sign-in`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded; charset=windows-1252',
				Origin: server.url,
				Accept: 'text/html'
			},
			body: Buffer.from([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x3d, 0xe9, 0xff, 0x26, 0x70, 0x3d, 0xfe])
		});
		expect(latin1.status).toBe(400);
		for (const pathname of [
			'/f/not-a-token',
			'/f/' + 'a'.repeat(32),
			'/setup/whatever',
			'/staff/../../etc/passwd',
			'/%ff'
		]) {
			const response = await fetch(server.url + pathname, { redirect: 'manual' });
			expect(response.status, pathname).toBeLessThan(500);
		}
	});

	it('keeps reports, evaluation and privacy pages to those allowed, and answers bad ids with 404, never a 500', async () => {
		const admin = demo.staff.find((s) => s.role === 'admin')!;
		const asAdmin = { Cookie: cookieHeader((await signInAs(admin.email, admin.password)).jar) };
		const asTeacher = {
			Cookie: cookieHeader((await signInAs(teacher.email, teacher.password)).jar)
		};
		const get = (pathname: string, headers: Record<string, string>) =>
			fetch(server.url + pathname, { headers, redirect: 'manual' });
		const unknown = '0b5c1d62-6a7e-4a8e-9a53-1f0a1c2b3d4e';
		for (const pathname of [
			'/staff/reports/not-an-id',
			`/staff/reports/${unknown}`,
			`/staff/rounds/${unknown}/evaluation`,
			'/staff/rounds/x/evaluation/csv',
			`/staff/privacy/families/${unknown}`,
			'/staff/privacy/families/%27%3B--/export'
		]) {
			expect((await get(pathname, asAdmin)).status, pathname).toBe(404);
		}
		// Teachers do not reach the evaluation, the privacy settings or a family's data.
		for (const pathname of ['/staff/privacy', `/staff/privacy/families/${unknown}/export`])
			expect((await get(pathname, asTeacher)).status, pathname).toBe(403);
		expect(
			(
				await post(
					'/staff/privacy?/save',
					{ schoolYearEnds: '07-31', bookings: 'end_of_year', reportMonths: '1' },
					asTeacher
				)
			).status
		).toBe(403);
		// Garbage in the settings form: a message per field, nothing saved.
		const refused = await post(
			'/staff/privacy?/save',
			{ schoolYearEnds: '<b>07-31</b>', bookings: '-1', reportMonths: '1e3' },
			asAdmin
		);
		expect(refused.status).toBe(400);
		const html = await refused.text();
		expect(html).toContain('Schrijf de laatste dag als maand-dag');
		expect(html).not.toContain('<b>07-31</b>');
		// A search with SQL in it finds nothing and breaks nothing.
		expect(
			(await get(`/staff/privacy?q=${encodeURIComponent("%' or 1=1 --")}`, asAdmin)).status
		).toBe(200);
		// The office's "no meeting" form refuses a text past 500 characters instead of cutting it.
		const overview = await (await get('/staff/families', asAdmin)).text();
		const familyId = /\/staff\/families\/([0-9a-f-]{36})/.exec(overview)![1]!;
		const tooLong = await post(
			`/staff/families/${familyId}?/decline`,
			{ reason: 'no_time', reasonText: 'x'.repeat(501) },
			asAdmin
		);
		expect(tooLong.status).toBe(400);
		expect(await tooLong.text()).toContain(
			'De toelichting is te lang: hoogstens 500 tekens. Er is niets opgeslagen.'
		);
	});

	it('opens a family link read-only, without referrer, cache or indexing', async () => {
		const link = demo.families[0]!.url.replace('http://localhost:3000', server.url);
		const response = await fetch(link);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('x-robots-tag')).toBe('noindex');
		expect(response.headers.get('referrer-policy')).toBe('same-origin');
		const html = await response.text();
		expect(html).not.toMatch(/https?:\/\/(?!localhost)[a-z0-9.-]+\.[a-z]{2,}\//i);
	});

	it('keeps names, addresses, passwords and tokens out of its logs', async () => {
		await signInAs(teacher.email, 'a wrong password');
		await signInAs(teacher.email, teacher.password);
		await fetch(demo.families[0]!.url.replace('http://localhost:3000', server.url));
		const logs = server.output();
		expect(logs).toContain('"event":"request"');
		for (const secret of [
			teacher.email,
			teacher.password,
			'a wrong password',
			teacher.name,
			demo.families[0]!.url.split('/f/')[1]!
		]) {
			expect(logs).not.toContain(secret);
		}
		// Every line is JSON but adapter-node's own "Listening on" line.
		for (const line of logs
			.trim()
			.split('\n')
			.filter((l) => !l.startsWith('Listening on '))) {
			expect(() => JSON.parse(line), line).not.toThrow();
		}
	});

	it.runIf(kind === 'pglite')(
		'makes the command line refuse to open the embedded database while the server holds it',
		async () => {
			const cli = await runCli(['demo'], env);
			expect(cli.status).toBe(3);
			expect(cli.stderr).toContain('is in use by the server');
			const health = await fetch(`${server.url}/healthz`);
			expect(health.status).toBe(200);
		}
	);

	it.runIf(kind === 'postgres')(
		'reports 503 while PostgreSQL refuses it, and recovers',
		async () => {
			const postgres = (await import('postgres')).default;
			const name = new URL(env.DATABASE_URL!).pathname.slice(1);
			const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
			try {
				await admin.unsafe(`alter database "${name}" allow_connections false`);
				await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
				// Termination is a signal: wait until the server's connections are really gone.
				for (let i = 0; i < 50; i++) {
					const [row] = await admin<
						{ n: number }[]
					>`select count(*)::int as n from pg_stat_activity where datname = ${name}`;
					if (row?.n === 0) break;
					await new Promise((r) => setTimeout(r, 100));
				}
				const down = await fetch(`${server.url}/healthz`);
				expect(down.status).toBe(503);
				expect(await down.json()).toEqual({ status: 'unavailable', database: 'down' });
			} finally {
				await admin.unsafe(`alter database "${name}" allow_connections true`);
				await admin.end();
			}
			// Recovers without a restart. A connection the server had not yet seen close may fail
			// one more request (CI saw one 503 on a loaded machine): it must be well within seconds.
			let up = 0;
			for (let i = 0; i < 50 && up !== 200; i++) {
				if (i > 0) await new Promise((r) => setTimeout(r, 100));
				up = (await fetch(`${server.url}/healthz`)).status;
			}
			expect(up).toBe(200);
		}
	);

	it('shuts down cleanly on SIGTERM and lets go of the database', async () => {
		// A server of its own to stop, on a database of its own that has served a page.
		let own: Record<string, string>;
		let drop: (() => Promise<void>) | undefined;
		if (kind === 'postgres') {
			const created = await createPostgresDatabase('hb_server_stop');
			own = { DATABASE_URL: created.url };
			drop = created.drop;
		} else {
			own = { DATA_DIR: tempDir('hb-server-stop') };
		}
		const server = await startServer(own);
		try {
			expect((await fetch(`${server.url}/sign-in`)).status).toBe(200);
			const code = await server.stop('SIGTERM');
			expect(code).toBe(0);
			expect(server.output()).toContain('"event":"shutdown"');
			if (kind === 'pglite') {
				expect(fs.existsSync(path.join(own.DATA_DIR!, 'huisbezoek.lock'))).toBe(false);
				const cli = await runCli(['migrate'], own);
				expect(cli.status, cli.stderr).toBe(0);
			}
		} finally {
			await server.stop();
			await drop?.();
			if (own.DATA_DIR) fs.rmSync(own.DATA_DIR, { recursive: true, force: true });
		}
	});
});

describe('start-up', () => {
	it('stops with a clear message when the configuration is wrong', async () => {
		await expect(
			startServer({ LOG_LEVEL: 'loud', DATA_DIR: tempDir('hb-bad') }, { timeoutMs: 20_000 })
		).rejects.toThrow(/LOG_LEVEL must be debug, info, warn or error/);
	});
});
