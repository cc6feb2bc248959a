/**
 * Without SMTP_URL the worker keeps each mail in the Mailbox instead of sending it. A kept mail
 * is out as much as a sent one: the personal link in it (a family's `/f/…`, a colleague's
 * `/setup/…`) must leave the database all the same, and the Mailbox must say where it stood
 * instead of showing a gap or a raw key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { visitChoice, wallTimes } from '../support/visits';
import { outbox } from '../../src/lib/server/db/schema';
import { createSlots } from '../../src/lib/server/slots/create';
import { bookVisit, parentActor } from '../../src/lib/server/booking/answer';
import { sendWave } from '../../src/lib/server/visit-rounds/waves';
import { requestFamilyLink } from '../../src/lib/server/families/newsletter';
import { mailStaffLink } from '../../src/lib/server/auth/staff-link';
import { mailboxTransport } from '../../src/lib/server/mail/transport';
import { drainOutbox } from '../../src/lib/server/mail/worker';
import { kindsWithSecret } from '../../src/lib/server/mail/payloads';
import { mailbox, mailboxMessage } from '../../src/lib/server/mail/mailbox';
import type { MailboxFilter } from '../../src/lib/server/mail/mailbox-filter';
import { translatorFor } from '../../src/lib/server/i18n';

const AMS = 'Europe/Amsterdam';
const NOW = new Date('2026-10-15T08:00:00Z');
const ORIGIN = new URL('https://huisbezoek.school.example');
const TOKEN = 'c'.repeat(32);
/** Anything that opens a family's or a colleague's pages. */
const SECRET = /\/(f|setup)\/[A-Za-z0-9_-]{8,}/;
const everything: MailboxFilter = { state: null, kind: null, familyId: null, page: 1 };
const settings = { origin: ORIGIN, fromAddress: 'huisbezoek@school.example' };

describe.each(databaseKinds)(
	'a mail kept in the Mailbox loses its personal link, on %s',
	(kind) => {
		let t: TestDatabase;
		let schoolId: string;
		const tokens: string[] = [TOKEN];

		beforeAll(async () => {
			t = await freshDatabase(kind);
			const made = await makeSchool(t.db, 'OBS De Ster');
			schoolId = made.id;
			const teacher = await makeStaff(t.db, schoolId, { name: 'Fatma Demir' });
			const invited = await makeFamilyInRound(t.db, schoolId, teacher.id);
			const booking = await makeFamilyInRound(t.db, schoolId, teacher.id);

			// An invitation wave, a link asked for through the newsletter, a booking made through
			// the family's own link, and a colleague's first and forgotten password.
			const wave = await sendWave(t.db, schoolId, invited.round.id, 'invitation', teacher.id, NOW);
			expect(wave).toMatchObject({ ok: true });
			const [parent] = await t.db
				.select({ email: outbox.toAddress })
				.from(outbox)
				.where(eq(outbox.kind, 'invitation'));
			expect(
				await requestFamilyLink(
					t.db,
					{
						roundId: invited.round.id,
						schoolId,
						schoolName: made.name,
						roundName: invited.round.name,
						startsOn: invited.round.startsOn,
						endsOn: invited.round.endsOn,
						closesAt: invited.round.bookingClosesAt,
						timeZone: AMS
					},
					parent!.email,
					'192.0.2.1',
					ORIGIN,
					NOW
				)
			).toBe('accepted');
			const created = await createSlots(
				t.db,
				{
					schoolId,
					roundId: booking.round.id,
					staffId: teacher.id,
					secondStaffId: null,
					allowsHome: true,
					allowsSchool: true,
					allowsNeutral: true,
					times: [wallTimes('2026-10-28', '16:00', '16:45', AMS)]
				},
				AMS,
				NOW
			);
			if (!created.ok) throw new Error('slots');
			const booked = await bookVisit(
				t.db,
				schoolId,
				booking.round.id,
				booking.family.id,
				visitChoice(created.ids[0]!, { location: 'school' }),
				parentActor(TOKEN, 'nl'),
				NOW
			);
			expect(booked.ok).toBe(true);
			tokens.push(await mailStaffLink(t.db, teacher.id, 'setup', NOW));
			tokens.push(await mailStaffLink(t.db, teacher.id, 'reset', NOW));
		});
		afterAll(() => t?.dispose());

		const secretRows = async () =>
			(await t.db.select().from(outbox).where(eq(outbox.schoolId, schoolId))).filter((r) =>
				kindsWithSecret.has(r.kind)
			);

		it('erases the link from every such payload once the mail is kept', async () => {
			const before = await secretRows();
			expect(new Set(before.map((r) => r.kind))).toEqual(
				new Set(['invitation', 'family_link', 'visit_booked', 'staff_invite', 'password_reset'])
			);
			// Each of them carried a link until now: the test is not passing on empty payloads.
			for (const row of before) expect(JSON.stringify(row.payload)).toMatch(SECRET);

			expect(
				await drainOutbox({ ...settings, db: t.db, transport: mailboxTransport(), now: () => NOW })
			).toMatchObject({ failed: 0 });

			const after = await secretRows();
			expect(after).toHaveLength(before.length);
			for (const row of after) {
				expect(row.status, row.kind).toBe('sent');
				const stored = JSON.stringify(row.payload);
				expect(stored, row.kind).not.toMatch(SECRET);
				for (const token of tokens) expect(stored, row.kind).not.toContain(token);
				expect(row.payload, row.kind).not.toHaveProperty('path');
				expect(row.payload, row.kind).not.toHaveProperty('url');
				expect(row.payload, row.kind).toHaveProperty('linkErased', true);
			}
			// The office's copy of the booking names no token (its family page needs a sign-in): kept whole.
			const staffCopies = (await t.db.select().from(outbox).where(eq(outbox.schoolId, schoolId)))
				.filter((r) => !kindsWithSecret.has(r.kind))
				.map((r) => r.payload);
			expect(staffCopies.length).toBeGreaterThan(0);
			for (const payload of staffCopies) expect(payload).not.toHaveProperty('linkErased');
		});

		it('shows the office where the link stood, in its own words, and never a token', async () => {
			const box = await mailbox(t.db, schoolId, settings, everything);
			const { t: nl } = translatorFor('nl');
			const { t: en } = translatorFor('en');
			const erased = box.messages.filter((m) => kindsWithSecret.has(m.kind));
			expect(erased).toHaveLength(5);
			for (const m of erased) {
				const whose = ['staff_invite', 'password_reset'].includes(m.kind) ? 'staff' : 'family';
				expect(m.linkErased, m.kind).toBe(whose);
				expect(m.message, m.kind).not.toBeNull();
				expect(m.message!.text, m.kind).not.toMatch(SECRET);
				for (const token of tokens) expect(m.message!.text, m.kind).not.toContain(token);
			}
			for (const m of box.messages.filter((m) => !kindsWithSecret.has(m.kind)))
				expect(m.linkErased, m.kind).toBeNull();
			// The line the page shows for each, in Dutch and English: real words, and the way to a new link.
			expect(nl('mailbox.link_erased.family')).toBe(
				'Persoonlijke link verwijderd uit de portal; maak zo nodig een nieuwe via de gezinspagina.'
			);
			expect(en('mailbox.link_erased.family')).toContain("on the family's page");
			expect(nl('mailbox.link_erased.staff')).toContain('bij Medewerkers');
			expect(en('mailbox.link_erased.staff')).toContain('under Staff');
			// Where the mail itself had the link, its own words say it is gone (in the reader's language).
			const linkMail = erased.find((m) => m.kind === 'family_link')!;
			expect(linkMail.message!.text).toContain(nl('mailbox.link_removed'));

			// The message as the recipient would have seen it, HTML and all: no token either.
			for (const m of erased) {
				const one = await mailboxMessage(t.db, schoolId, m.id, settings);
				expect(one?.composed, m.kind).toBeTruthy();
				expect(one!.composed!.html, m.kind).not.toMatch(SECRET);
				expect(one!.composed!.text, m.kind).not.toMatch(SECRET);
			}
		});
	}
);
