/**
 * The staff's page of one family over HTTP, from the built server: who gets it (the visiting
 * teacher, the staff member going along, the office) and who gets 404 (another teacher, another
 * school), that each view of the parents' contact details is one audit entry with no personal
 * data in it, and that the page reads as the history happened. Needs a build first.
 *
 * The school is made before the server starts (PGlite admits one process at a time), and the
 * audit log is read after it stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { databaseKinds, createPostgresDatabase, tempDir } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { cookieHeader, cookieJar, startServer, type RunningServer } from '../support/server';
import { openDatabase } from '../../src/lib/server/db';
import { auditEvent, guardian } from '../../src/lib/server/db/schema';
import { createSlots } from '../../src/lib/server/slots/create';
import { bookVisit } from '../../src/lib/server/booking/answer';
import { fromWallTime } from '../../src/lib/server/time/zone';
import { visitChoice } from '../support/visits';

const AMS = 'Europe/Amsterdam';
const CLOCK = '2026-10-15T08:00:00Z';
const PASSWORD = 'correct horse battery';

describe.each(databaseKinds)('the family page over HTTP on %s', (kind) => {
	let env: Record<string, string>;
	let server: RunningServer | undefined;
	let dropDatabase: (() => Promise<void>) | undefined;
	const people: Record<string, { id: string; email: string }> = {};
	let familyId = '';
	let schoolId = '';

	const open = () =>
		openDatabase({
			databaseUrl: env.DATABASE_URL ?? null,
			dataDir: env.DATA_DIR ?? '',
			role: 'test'
		});

	beforeAll(async () => {
		if (kind === 'postgres') {
			const created = await createPostgresDatabase('hb_family');
			env = { DATABASE_URL: created.url };
			dropDatabase = created.drop;
		} else {
			env = { DATA_DIR: tempDir('hb-family') };
		}
		const handle = await open();
		try {
			await handle.migrate();
			const db = handle.db;
			const school = await makeSchool(db);
			schoolId = school.id;
			for (const [key, role] of [
				['teacher', 'teacher'],
				['intern', 'teacher'],
				['colleague', 'teacher'],
				['office', 'admin']
			] as const)
				people[key] = await makeStaff(db, school.id, { role, name: `Naam ${key}` });
			people.elsewhere = await makeStaff(db, (await makeSchool(db)).id, { role: 'admin' });
			const made = await makeFamilyInRound(db, school.id, people.teacher!.id);
			familyId = made.family.id;
			await db
				.update(guardian)
				.set({ name: 'Sanne de Vries', phone: '06 1234 5678', language: 'ar' })
				.where(eq(guardian.familyId, familyId));
			const slots = await createSlots(
				db,
				{
					schoolId,
					roundId: made.round.id,
					staffId: people.teacher!.id,
					secondStaffId: people.intern!.id,
					allowsHome: true,
					allowsSchool: true,
					allowsNeutral: true,
					times: [
						{
							startsAt: fromWallTime('2026-10-28', '16:00', AMS)!,
							endsAt: fromWallTime('2026-10-28', '16:45', AMS)!
						}
					]
				},
				AMS,
				new Date(CLOCK)
			);
			if (!slots.ok) throw new Error(slots.reason);
			const booked = await bookVisit(
				db,
				schoolId,
				made.round.id,
				familyId,
				visitChoice(slots.ids[0]!, { parentQuestions: 'Hoe gaat het met lezen?' }),
				{ kind: 'parent' },
				new Date(CLOCK)
			);
			if (!booked.ok) throw new Error(booked.problem);
		} finally {
			await handle.close();
		}
		server = await startServer({ ...env, FAKE_NOW: CLOCK });
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
		await dropDatabase?.();
	});

	async function signIn(email: string) {
		const response = await fetch(`${server!.url}/sign-in`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Origin: server!.url,
				Accept: 'text/html'
			},
			body: new URLSearchParams({ email, password: PASSWORD })
		});
		expect(response.status, email).toBe(303);
		return `lang=nl; ${cookieHeader(cookieJar(response))}`;
	}
	const page = (cookie: string) =>
		fetch(`${server!.url}/staff/families/${familyId}`, {
			headers: { Cookie: cookie, Accept: 'text/html' }
		});

	it('shows the parents to their teacher, the one going along and the office, logs each view, and gives everyone else 404', async () => {
		const sessions = Object.fromEntries(
			await Promise.all(
				Object.entries(people).map(async ([key, p]) => [key, await signIn(p.email)] as const)
			)
		);
		for (const who of ['office', 'office', 'teacher', 'intern']) {
			const response = await page(sessions[who]!);
			expect(response.status, who).toBe(200);
			const html = await response.text();
			expect(html, who).toContain('href="tel:0612345678"');
			expect(html, who).toMatch(/href="mailto:ouder\d+@example\.org"/);
			expect(html, who).toContain('Sanne de Vries');
			// The language by its own name, with the reader's word for it.
			expect(html, who).toContain('Arabisch (العربية)');
			expect(html, who).toContain('Afspraak gemaakt');
			expect(html, who).toContain('door het gezin');
			// The office may open the Mailbox; a teacher gets no link to a page they cannot open.
			expect(html.includes(`href="/staff/mailbox?family=${familyId}"`), who).toBe(who === 'office');
		}
		for (const who of ['colleague', 'elsewhere']) {
			const response = await page(sessions[who]!);
			expect(response.status, who).toBe(404);
			const html = await response.text();
			expect(html, who).not.toContain('0612345678');
			expect(html, who).not.toContain('Sanne de Vries');
		}
		// The intern goes along, but does not answer for the family.
		const internPage = await (await page(sessions.intern!)).text();
		expect(internPage).not.toContain('action="?/book"');
		expect(await (await page(sessions.teacher!)).text()).toContain('action="?/book"');

		await server!.stop();
		server = undefined;
		const handle = await open();
		try {
			const views = await handle.db
				.select()
				.from(auditEvent)
				.where(
					and(eq(auditEvent.schoolId, schoolId), eq(auditEvent.action, 'family.contact_viewed'))
				)
				.orderBy(asc(auditEvent.id));
			// One entry per view: the office twice, the teacher twice (once above), the intern twice.
			expect(views.map((v) => v.actorId)).toEqual([
				people.office!.id,
				people.office!.id,
				people.teacher!.id,
				people.intern!.id,
				people.intern!.id,
				people.teacher!.id
			]);
			for (const v of views) {
				expect(v).toMatchObject({ actorKind: 'staff', subjectType: 'family', subjectId: familyId });
				expect(v.detail).toEqual({ page: 'family' });
			}
			// Nobody who got 404 left a trace as if they had seen the family.
			const everything = await handle.db
				.select()
				.from(auditEvent)
				.where(eq(auditEvent.subjectId, familyId));
			expect(everything.map((e) => e.actorId)).not.toContain(people.colleague!.id);
			expect(everything.map((e) => e.actorId)).not.toContain(people.elsewhere!.id);
		} finally {
			await handle.close();
		}
	}, 120_000);
});
