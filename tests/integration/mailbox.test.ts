/**
 * The admin's Mailbox with addresses the mail cannot use: a roster imported before the import
 * checked them ("jösé@…"), and ASCII ones the invite builder refuses. The page must list such a
 * message as failed, say why in words, and never throw while composing it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { createSlots } from '../../src/lib/server/slots/create';
import { bookVisit, parentActor, type VisitChoice } from '../../src/lib/server/booking/answer';
import { guardian, outbox } from '../../src/lib/server/db/schema';
import { fromWallTime } from '../../src/lib/server/time/zone';
import { mailboxTransport } from '../../src/lib/server/mail/transport';
import { drainOutbox } from '../../src/lib/server/mail/worker';
import { composeMessage } from '../../src/lib/server/mail/compose';
import { asMessage } from '../../src/lib/server/mail/outbox';
import { mailbox, mailboxMessage } from '../../src/lib/server/mail/mailbox';

const AMS = 'Europe/Amsterdam';
const NOW = new Date('2026-10-15T08:00:00Z');
const TOKEN = 'b'.repeat(32);
const at = (date: string, from: string, to: string) => ({
	startsAt: fromWallTime(date, from, AMS)!,
	endsAt: fromWallTime(date, to, AMS)!
});
const atSchool = (slotId: string): VisitChoice => ({
	slotId,
	location: 'school',
	neutralPlaceId: null,
	visitAddress: null,
	interpreterLanguage: null,
	parentQuestions: null,
	notHomeReason: null,
	notHomeReasonText: null
});
const settings = {
	origin: new URL('https://huisbezoek.school.example'),
	fromAddress: 'huisbezoek@school.example'
};

describe.each(databaseKinds)('the mailbox with addresses the mail cannot use, on %s', (kind) => {
	let t: TestDatabase;
	let schoolId: string;

	beforeAll(async () => {
		t = await freshDatabase(kind);
		schoolId = (await makeSchool(t.db, 'OBS De Ster')).id;
		const teacher = (
			await makeStaff(t.db, schoolId, { name: 'Fatma Demir', email: 'fatma@ster.example' })
		).id;
		// Two families whose guardians' addresses came in before the import checked them.
		for (const [i, address] of ['jösé@example.com', 'ouder@ster_school.example'].entries()) {
			const made = await makeFamilyInRound(t.db, schoolId, teacher);
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

	it('lists them as failed, with the reason in words and no resend button', async () => {
		const box = await mailbox(t.db, schoolId, settings);
		expect(box.failed.map((m) => m.toAddress).sort()).toEqual([
			'jösé@example.com',
			'ouder@ster_school.example'
		]);
		for (const m of box.failed) {
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
			box.recent
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
		const box = await mailbox(t.db, schoolId, settings);
		const broken = box.failed.find((m) => m.toAddress === 'ouder@families.example');
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
