/**
 * The admin's Mailbox with addresses the mail cannot use: a roster imported before the import
 * checked them ("jösé@…"), and ASCII ones the invite builder refuses. The page must list such a
 * message as failed, say why in words, and never throw while composing it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { createSlots } from '../../src/lib/server/slots/create';
import { bookVisit, parentActor } from '../../src/lib/server/booking/answer';
import { auditEvent, booking, guardian, outbox, pupil } from '../../src/lib/server/db/schema';
import { mailboxTransport, smtpTransport } from '../../src/lib/server/mail/transport';
import { correctAddressAndResend } from '../../src/lib/server/mail/correct-address';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { drainOutbox } from '../../src/lib/server/mail/worker';
import { composeMessage } from '../../src/lib/server/mail/compose';
import { asMessage, enqueue } from '../../src/lib/server/mail/outbox';
import { mailbox, mailboxMessage } from '../../src/lib/server/mail/mailbox';
import type { MailboxFilter } from '../../src/lib/server/mail/mailbox-filter';
import { visitChoice, wallTimes } from '../support/visits';

const AMS = 'Europe/Amsterdam';
const NOW = new Date('2026-10-15T08:00:00Z');
const TOKEN = 'b'.repeat(32);
const at = (date: string, from: string, to: string) => wallTimes(date, from, to, AMS);
const atSchool = (slotId: string) => visitChoice(slotId, { location: 'school' });
const everything: MailboxFilter = { state: null, kind: null, familyId: null, page: 1 };
const settings = {
	origin: new URL('https://huisbezoek.school.example'),
	fromAddress: 'huisbezoek@school.example'
};

describe.each(databaseKinds)('the mailbox with addresses the mail cannot use, on %s', (kind) => {
	let t: TestDatabase;
	let schoolId: string;
	/** The two booked families: id → the child's name. */
	const familyIds = new Map<string, string>();

	beforeAll(async () => {
		t = await freshDatabase(kind);
		schoolId = (await makeSchool(t.db, 'OBS De Ster')).id;
		const teacher = (
			await makeStaff(t.db, schoolId, { name: 'Fatma Demir', email: 'fatma@ster.example' })
		).id;
		// Two families whose guardians' addresses came in before the import checked them.
		for (const [i, address] of ['jösé@example.com', 'ouder@ster_school.example'].entries()) {
			const made = await makeFamilyInRound(t.db, schoolId, teacher);
			const [child] = await t.db
				.select({ firstName: pupil.firstName, lastName: pupil.lastName })
				.from(pupil)
				.where(eq(pupil.familyId, made.family.id));
			familyIds.set(made.family.id, `${child!.firstName} ${child!.lastName}`);
			await t.db
				.update(guardian)
				.set({ email: address })
				.where(eq(guardian.familyId, made.family.id));
			const created = await createSlots(
				t.db,
				{
					schoolId,
					roundId: made.round.id,
					staffId: teacher,
					secondStaffId: null,
					allowsHome: true,
					allowsSchool: true,
					allowsNeutral: true,
					times: [at('2026-10-28', `${16 + i}:00`, `${16 + i}:45`)]
				},
				AMS,
				NOW
			);
			if (!created.ok) throw new Error('slots');
			expect(
				(
					await bookVisit(
						t.db,
						schoolId,
						made.round.id,
						made.family.id,
						atSchool(created.ids[0]!),
						parentActor(TOKEN, 'nl'),
						NOW
					)
				).ok
			).toBe(true);
		}
		await drainOutbox({
			db: t.db,
			transport: mailboxTransport(),
			origin: settings.origin,
			fromAddress: settings.fromAddress,
			now: () => NOW
		});
	});
	afterAll(() => t?.dispose());

	it('fails both confirmations in the worker instead of retrying them for ever', async () => {
		const rows = await t.db
			.select({
				to: outbox.toAddress,
				kind: outbox.kind,
				status: outbox.status,
				lastError: outbox.lastError
			})
			.from(outbox)
			.where(eq(outbox.schoolId, schoolId));
		expect(
			rows.filter((r) => r.kind === 'visit_booked').sort((a, b) => a.to.localeCompare(b.to))
		).toEqual([
			{
				to: 'jösé@example.com',
				kind: 'visit_booked',
				status: 'failed',
				lastError: 'invalid recipient address'
			},
			{
				to: 'ouder@ster_school.example',
				kind: 'visit_booked',
				status: 'failed',
				lastError: 'invalid recipient address'
			}
		]);
		// The teacher's own mails about the same visits went.
		expect(rows.filter((r) => r.kind === 'staff_visit_booked').map((r) => r.status)).toEqual([
			'sent',
			'sent'
		]);
	});

	it('composes such a message without an invite instead of throwing', async () => {
		const [row] = await t.db.select().from(outbox).where(eq(outbox.toAddress, 'jösé@example.com'));
		const composed = composeMessage(asMessage(row!), {
			origin: settings.origin,
			organizer: { name: 'OBS De Ster', email: settings.fromAddress }
		});
		expect(composed?.subject).toMatch(/^Bevestiging/);
		expect(composed?.calendar).toBeNull();
	});

	it('lists them as failed, with the reason in words, its family and no resend button', async () => {
		const box = await mailbox(t.db, schoolId, settings, everything);
		const failed = box.messages.filter((m) => m.status === 'failed');
		expect(failed.map((m) => m.toAddress).sort()).toEqual([
			'jösé@example.com',
			'ouder@ster_school.example'
		]);
		// Failed mail first.
		expect(box.messages.slice(0, 2)).toEqual(failed);
		// Each names the family whose visit it confirms (through the booking), by its child.
		expect(failed.map((m) => m.family?.names).sort()).toEqual([...familyIds.values()].sort());
		for (const m of failed) {
			expect(familyIds.get(m.family!.id)).toBe(m.family!.names);
			expect(m).toMatchObject({
				status: 'failed',
				reason: 'family_address',
				canResend: false,
				hasCalendar: false
			});
			expect(m.message?.subject).toMatch(/^Bevestiging/);
		}
		// Mail that went keeps its invite; the staff copies name no reason.
		expect(
			box.messages
				.filter((m) => m.kind === 'staff_visit_booked')
				.every((m) => m.hasCalendar && m.reason === null)
		).toBe(true);
	});

	it('shows one such message on its own, as the HTML view and invite download need', async () => {
		const [row] = await t.db
			.select({ id: outbox.id })
			.from(outbox)
			.where(eq(outbox.toAddress, 'jösé@example.com'));
		const one = await mailboxMessage(t.db, schoolId, row!.id, settings);
		expect(one?.composed?.html).toContain('<html');
		expect(one?.composed?.calendar).toBeNull();
	});

	// The next two add failed messages of their own, each at a school of its own: the checks
	// above see the two confirmations and nothing else, whatever runs first.
	it('keeps the page up when a message cannot be composed at all', async () => {
		const schoolId = (await makeSchool(t.db)).id;
		await t.db.insert(outbox).values({
			schoolId,
			kind: 'visit_booked',
			toAddress: 'ouder@families.example',
			toName: 'Ouder',
			payload: { startsAt: 'not a date', endsAt: 'nor this', staffNames: [] } as never,
			status: 'failed',
			lastError: 'x',
			createdAt: NOW,
			nextAttemptAt: NOW
		});
		const box = await mailbox(t.db, schoolId, settings, everything);
		const broken = box.messages.find((m) => m.toAddress === 'ouder@families.example');
		expect(broken).toMatchObject({
			message: null,
			hasCalendar: false,
			reason: null,
			canResend: true
		});
	});

	it('fails a message that cannot be composed at all, once, instead of retrying it for ever', async () => {
		const schoolId = (await makeSchool(t.db)).id;
		// A payload from an older version, without its time: composing it throws.
		const [broken] = await t.db
			.insert(outbox)
			.values({
				schoolId,
				kind: 'visit_booked',
				toAddress: 'ouder@example.org',
				toName: 'Ouder',
				language: 'nl',
				payload: { schoolName: 'OBS De Ster', startsAt: 'later' } as never,
				createdAt: NOW,
				nextAttemptAt: NOW
			})
			.returning({ id: outbox.id });
		const run = await drainOutbox({
			db: t.db,
			transport: mailboxTransport(),
			origin: settings.origin,
			fromAddress: settings.fromAddress,
			now: () => NOW
		});
		expect(run).toMatchObject({ claimed: 1, failed: 1, retried: 0 });
		const [row] = await t.db
			.select({ status: outbox.status, lastError: outbox.lastError })
			.from(outbox)
			.where(eq(outbox.id, broken!.id));
		expect(row).toEqual({
			status: 'failed',
			lastError: 'could not compose a visit_booked message'
		});
	});
});

/**
 * The Mailbox's view of a school with many messages: each test makes a school of its own with
 * two families, a colleague and their mail, so the counts are its own whatever runs before.
 */
describe.each(databaseKinds)('filtering and paging the mailbox, on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	afterAll(() => t?.dispose());

	const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
	const link = { schoolName: 'OBS De Ster', roundName: 'Najaar', path: '/f/x' };

	async function school() {
		const schoolId = (await makeSchool(t.db)).id;
		const teacher = await makeStaff(t.db, schoolId);
		const one = await makeFamilyInRound(t.db, schoolId, teacher.id);
		const two = await makeFamilyInRound(t.db, schoolId, teacher.id);
		const addressOf = async (familyId: string) =>
			(
				await t.db
					.select({ email: guardian.email })
					.from(guardian)
					.where(eq(guardian.familyId, familyId))
			)[0]!.email!;
		const mail = async (
			kind: 'invitation' | 'nudge',
			toAddress: string,
			at: number,
			status: 'pending' | 'sent' | 'failed',
			familyId: string | null
		) => {
			await enqueue(
				t.db,
				kind,
				[
					{
						schoolId,
						toAddress,
						toName: 'Ouder',
						language: 'nl',
						familyId,
						roundId: one.round.id,
						payload: link
					}
				],
				{ now: minutes(at) }
			);
			await t.db
				.update(outbox)
				.set({ status })
				.where(and(eq(outbox.toAddress, toAddress), eq(outbox.createdAt, minutes(at))));
		};
		const first = await addressOf(one.family.id);
		const second = await addressOf(two.family.id);
		// Oldest first: an old failure must still come before newer mail that went.
		await mail('invitation', first, 1, 'failed', one.family.id);
		await mail('invitation', second, 2, 'sent', two.family.id);
		await mail('nudge', first, 3, 'sent', one.family.id);
		await mail('nudge', second, 4, 'pending', two.family.id);
		await mail('invitation', teacher.email, 5, 'sent', null);
		return {
			schoolId,
			roundId: one.round.id,
			one: one.family.id,
			two: two.family.id,
			first,
			second
		};
	}

	const view = (schoolId: string, filter: Partial<MailboxFilter>) =>
		mailbox(t.db, schoolId, settings, { ...everything, ...filter });
	const seen = (box: Awaited<ReturnType<typeof view>>) =>
		box.messages.map((m) => `${m.status} ${m.kind} ${m.toAddress}`);

	it('puts failed mail first and the rest newest first, each with the family it went to', async () => {
		const s = await school();
		const box = await view(s.schoolId, {});
		expect(box.total).toBe(5);
		expect(box.messages.map((m) => m.createdAt)).toEqual([1, 5, 4, 3, 2].map(minutes));
		expect(box.messages.map((m) => m.family?.id ?? null)).toEqual([
			s.one,
			// A mail to an address no guardian has: no family.
			null,
			s.two,
			s.one,
			s.two
		]);
		expect(box.messages[0]).toMatchObject({ status: 'failed', canResend: true });
	});

	it('filters by state, by kind and by family, and by all three at once', async () => {
		const s = await school();
		expect(seen(await view(s.schoolId, { state: 'failed' }))).toEqual([
			`failed invitation ${s.first}`
		]);
		expect(seen(await view(s.schoolId, { state: 'queued' }))).toEqual([
			`pending nudge ${s.second}`
		]);
		expect((await view(s.schoolId, { state: 'sent' })).total).toBe(3);
		expect(seen(await view(s.schoolId, { kind: 'nudge' }))).toEqual([
			`pending nudge ${s.second}`,
			`sent nudge ${s.first}`
		]);
		const family = await view(s.schoolId, { familyId: s.one });
		expect(seen(family)).toEqual([`failed invitation ${s.first}`, `sent nudge ${s.first}`]);
		expect(family.familyName).toMatch(/^Kind\d+ Test$/);
		expect(
			seen(await view(s.schoolId, { familyId: s.two, kind: 'invitation', state: 'sent' }))
		).toEqual([`sent invitation ${s.second}`]);
		expect((await view(s.schoolId, { familyId: s.two, state: 'failed' })).total).toBe(0);
	});

	it('finds a family’s visit mail through its booking, whatever address it went to', async () => {
		const s = await school();
		const [row] = await t.db
			.insert(booking)
			.values({
				schoolId: s.schoolId,
				roundId: s.roundId,
				familyId: s.two,
				status: 'declined'
			})
			.returning({ id: booking.id });
		// Queued naming only the visit: the outbox takes family and round from it.
		await enqueue(
			t.db,
			'answer_declined',
			[
				{
					schoolId: s.schoolId,
					toAddress: 'oud-adres@example.org',
					toName: '',
					language: 'nl',
					payload: { schoolName: 'OBS De Ster', schoolPhone: '', roundName: 'Najaar' },
					bookingId: row!.id
				}
			],
			{ now: minutes(6) }
		);
		const [queued] = await t.db
			.select({ familyId: outbox.familyId, roundId: outbox.roundId })
			.from(outbox)
			.where(eq(outbox.bookingId, row!.id));
		expect(queued).toEqual({ familyId: s.two, roundId: s.roundId });
		const box = await view(s.schoolId, { familyId: s.two, kind: 'answer_declined' });
		expect(box.messages.map((m) => [m.toAddress, m.family?.id])).toEqual([
			['oud-adres@example.org', s.two]
		]);
	});

	it('pages through 60 messages 25 at a time with the total, and an old page number shows the last page', async () => {
		const s = await school();
		await enqueue(
			t.db,
			'invitation',
			Array.from({ length: 55 }, (_, i) => ({
				schoolId: s.schoolId,
				toAddress: `ouder${i}@elders.example`,
				toName: '',
				language: 'nl',
				payload: link
			})),
			{ now: minutes(10) }
		);
		const pages = await Promise.all([1, 2, 3].map((page) => view(s.schoolId, { page })));
		expect(pages.map((p) => [p.total, p.page, p.pages, p.messages.length])).toEqual([
			[60, 1, 3, 25],
			[60, 2, 3, 25],
			[60, 3, 3, 10]
		]);
		const ids = pages.flatMap((p) => p.messages.map((m) => m.id));
		expect(new Set(ids).size).toBe(60);
		// Failed first across pages too: the one failed mail opens page 1.
		expect(pages[0]!.messages[0]!.status).toBe('failed');
		const past = await view(s.schoolId, { page: 9 });
		expect([past.page, past.messages.map((m) => m.id)]).toEqual([
			3,
			pages[2]!.messages.map((m) => m.id)
		]);
	});

	it('shows nothing for another school’s family, even one whose parent has the same address', async () => {
		const s = await school();
		const other = await school();
		await t.db.update(guardian).set({ email: s.first }).where(eq(guardian.familyId, other.one));
		const box = await view(s.schoolId, { familyId: other.one });
		expect([box.total, box.messages, box.familyName]).toEqual([0, [], null]);
		// Nor does that family's parent bring the other school's mail into this one's view.
		expect(seen(await view(s.schoolId, { familyId: s.one }))).toEqual([
			`failed invitation ${s.first}`,
			`sent nudge ${s.first}`
		]);
		// That school sees its family's own mail, to the address it had then, and none of this one's.
		expect(seen(await view(other.schoolId, { familyId: other.one }))).toEqual([
			`failed invitation ${other.first}`,
			`sent nudge ${other.first}`
		]);
	});
});

describe.each(databaseKinds)('correcting a failed address from the Mailbox, on %s', (kind) => {
	let t: TestDatabase;
	let smtp: TestSmtp;
	beforeAll(async () => {
		t = await freshDatabase(kind);
		smtp = await startSmtp();
	});
	afterAll(async () => {
		await smtp?.stop();
		await t?.dispose();
	});

	it('saves the corrected address with the guardian and sends the same mail to it', async () => {
		const school = await makeSchool(t.db, 'OBS De Ster');
		const office = await makeStaff(t.db, school.id, { role: 'admin' });
		const teacher = await makeStaff(t.db, school.id, { name: 'Fatma Demir' });
		const made = await makeFamilyInRound(t.db, school.id, teacher.id);
		await t.db
			.update(guardian)
			.set({ name: 'José García', email: 'jösé@example.com' })
			.where(eq(guardian.familyId, made.family.id));
		const created = await createSlots(
			t.db,
			{
				schoolId: school.id,
				roundId: made.round.id,
				staffId: teacher.id,
				secondStaffId: null,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times: [at('2026-10-28', '16:00', '16:45')]
			},
			AMS,
			NOW
		);
		if (!created.ok) throw new Error('slots');
		const booked = await bookVisit(
			t.db,
			school.id,
			made.round.id,
			made.family.id,
			atSchool(created.ids[0]!),
			parentActor(TOKEN, 'nl'),
			NOW
		);
		expect(booked.ok).toBe(true);
		const deps = {
			db: t.db,
			transport: smtpTransport(smtp.url),
			origin: settings.origin,
			fromAddress: settings.fromAddress,
			now: () => NOW
		};
		await drainOutbox(deps);
		const [failed] = await t.db
			.select({ id: outbox.id, status: outbox.status })
			.from(outbox)
			.where(and(eq(outbox.kind, 'visit_booked'), eq(outbox.familyId, made.family.id)));
		expect(failed?.status).toBe('failed');
		const me = { schoolId: school.id, id: office.id };

		// Not an address the mail can use, or CRLF trying to add a header: refused, nothing changed.
		for (const address of ['josé@example.com', 'jose@example.com\r\nBcc: x@evil.example', ''])
			expect(await correctAddressAndResend(t.db, me, failed!.id, address, NOW)).toEqual({
				ok: false,
				problem: 'invalid_address'
			});
		// Another school's office finds nothing; nor does a teacher's own mail count as a family's.
		const elsewhere = await makeSchool(t.db);
		expect(
			await correctAddressAndResend(
				t.db,
				{ schoolId: elsewhere.id, id: office.id },
				failed!.id,
				'jose@example.com',
				NOW
			)
		).toEqual({ ok: false, problem: 'not_found' });
		const [staffMail] = await t.db
			.select({ id: outbox.id })
			.from(outbox)
			.where(eq(outbox.kind, 'staff_visit_booked'));
		expect(await correctAddressAndResend(t.db, me, staffMail!.id, 'jose@example.com', NOW)).toEqual(
			{ ok: false, problem: 'not_found' }
		);
		expect(
			await t.db
				.select({ email: guardian.email })
				.from(guardian)
				.where(eq(guardian.familyId, made.family.id))
		).toEqual([{ email: 'jösé@example.com' }]);

		expect(await correctAddressAndResend(t.db, me, failed!.id, ' Jose@Example.com ', NOW)).toEqual({
			ok: true
		});
		expect(
			await t.db
				.select({ email: guardian.email })
				.from(guardian)
				.where(eq(guardian.familyId, made.family.id))
		).toEqual([{ email: 'jose@example.com' }]);
		// A second try finds it on its way already: nothing to correct.
		expect(await correctAddressAndResend(t.db, me, failed!.id, 'jose@example.com', NOW)).toEqual({
			ok: false,
			problem: 'not_found'
		});
		const before = smtp.received.length;
		await drainOutbox(deps);
		const [again] = await t.db
			.select({ status: outbox.status, to: outbox.toAddress })
			.from(outbox)
			.where(eq(outbox.id, failed!.id));
		expect(again).toEqual({ status: 'sent', to: 'jose@example.com' });
		const arrived = smtp.received.slice(before);
		expect(arrived.map((m) => m.envelopeTo)).toEqual([['jose@example.com']]);
		expect(arrived[0]!.parsed.subject).toMatch(/^Bevestiging/);
		// The audit log says who corrected which guardian, without the address.
		const [logged] = await t.db
			.select({ detail: auditEvent.detail, actorId: auditEvent.actorId })
			.from(auditEvent)
			.where(eq(auditEvent.action, 'guardian.email_corrected'));
		expect(logged).toEqual({ detail: { outboxId: failed!.id }, actorId: office.id });
	});
});
