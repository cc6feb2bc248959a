/**
 * The family's three-way choice of interpreter as it is stored and told: bringing someone of
 * their own (a relative or friend) is kept apart from asking the school to arrange one, asks the
 * office for nothing, withdraws a request the school had, and is said so in the family's mail,
 * the teacher's mail and the privacy export. A re-post of the same choice changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { visitChoice, wallTimes } from '../support/visits';
import { createSlots } from '../../src/lib/server/slots/create';
import {
	bookVisit,
	declineRound,
	parentActor,
	type VisitChoice
} from '../../src/lib/server/booking/answer';
import { composeMessage } from '../../src/lib/server/mail/compose';
import { exportFamily } from '../../src/lib/server/privacy/family-data';
import { answerHistory } from '../../src/lib/server/families/history';
import { familyAnswers } from '../../src/lib/server/families/overview';
import { auditEvent, booking, interpreterRequest, outbox } from '../../src/lib/server/db/schema';
import type { InterpreterPayload, Message } from '../../src/lib/server/mail/payloads';

const NOW = new Date('2026-10-15T08:00:00Z');
const OFFICE = 'office@school.example';
const ctx = {
	origin: new URL('https://huisbezoek.school.example'),
	organizer: { name: 'Testschool', email: 'huisbezoek@school.example' }
};

describe.each(databaseKinds)('a family that brings its own interpreter, on %s', (kind) => {
	let t: TestDatabase;
	let schoolId: string;
	let teacherId: string;
	let officeId: string;
	const parent = parentActor('c'.repeat(32), 'nl');

	let day = 1;
	/** A new family in a new round, with two free times of its teacher on days of its own. */
	const newFamily = async () => {
		const dates = [day++, day++].map((d) => `2026-11-${String(d).padStart(2, '0')}`);
		const made = await makeFamilyInRound(t.db, schoolId, teacherId);
		const created = await createSlots(
			t.db,
			{
				schoolId,
				roundId: made.round.id,
				staffId: teacherId,
				secondStaffId: null,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times: [wallTimes(dates[0]!, '16:00', '16:45'), wallTimes(dates[1]!, '16:00', '16:45')]
			},
			'Europe/Amsterdam',
			NOW
		);
		if (!created.ok) throw new Error(created.reason);
		return { familyId: made.family.id, roundId: made.round.id, slotIds: created.ids };
	};
	const book = async (f: { familyId: string; roundId: string }, c: VisitChoice) => {
		const result = await bookVisit(t.db, schoolId, f.roundId, f.familyId, c, parent, NOW);
		if (!result.ok) throw new Error(result.problem);
		return result;
	};
	const stored = async (bookingId: string) =>
		(
			await t.db
				.select({
					interpreterLanguage: booking.interpreterLanguage,
					ownInterpreterLanguage: booking.ownInterpreterLanguage,
					sequence: booking.sequence
				})
				.from(booking)
				.where(eq(booking.id, bookingId))
		)[0]!;
	const requestsOf = (bookingId: string) =>
		t.db.select().from(interpreterRequest).where(eq(interpreterRequest.bookingId, bookingId));
	const mailsOf = (bookingId: string) =>
		t.db
			.select()
			.from(outbox)
			.where(eq(outbox.bookingId, bookingId))
			.orderBy(asc(outbox.createdAt), asc(outbox.id));
	const compose = (row: { kind: string; payload: unknown }, language = 'en') =>
		composeMessage(
			{
				kind: row.kind,
				payload: row.payload,
				language,
				toAddress: 'x@example.org',
				toName: 'X'
			} as Message & { language: string; toAddress: string; toName: string },
			ctx
		);

	beforeAll(async () => {
		t = await freshDatabase(kind);
		schoolId = (await makeSchool(t.db)).id;
		teacherId = (await makeStaff(t.db, schoolId)).id;
		officeId = (await makeStaff(t.db, schoolId, { role: 'admin', email: OFFICE })).id;
	});
	afterAll(() => t?.dispose());

	it('stores the language as their own, asks the office for nothing, and says so in every mail', async () => {
		const f = await newFamily();
		const result = await book(f, visitChoice(f.slotIds[0]!, { ownInterpreterLanguage: 'tr' }));
		expect(await stored(result.bookingId)).toMatchObject({
			interpreterLanguage: null,
			ownInterpreterLanguage: 'tr'
		});
		expect(await requestsOf(result.bookingId)).toEqual([]);
		const mails = await mailsOf(result.bookingId);
		expect(mails.map((m) => m.kind).sort()).toEqual(['staff_visit_booked', 'visit_booked']);

		const family = compose(mails.find((m) => m.kind === 'visit_booked')!);
		expect(family.text).toContain('You bring someone to interpret: Turkish');
		expect(family.text).not.toContain('The school arranges');
		const inDutch = compose(
			mails.find((m) => m.kind === 'visit_booked')!,
			'nl'
		);
		expect(inDutch.text).toContain('U neemt zelf iemand mee om te tolken: Turks');
		const teacher = compose(mails.find((m) => m.kind === 'staff_visit_booked')!);
		expect(teacher.text).toContain('Turkish: the family brings its own interpreter');

		// The audit log keeps the choice's code, the staff pages and the export the language.
		const [entry] = await t.db
			.select({ detail: auditEvent.detail })
			.from(auditEvent)
			.where(
				and(eq(auditEvent.subjectId, result.bookingId), eq(auditEvent.action, 'booking.created'))
			);
		expect(entry!.detail).toMatchObject({ interpreter: 'bring' });
		const history = await answerHistory(t.db, schoolId, f.familyId, f.roundId);
		expect(history.map((h) => h.interpreter)).toEqual(['bring']);
		const [answer] = await familyAnswers(t.db, schoolId, f.roundId, {
			staffId: null,
			familyId: f.familyId
		});
		expect(answer).toMatchObject({ interpreterLanguage: null, ownInterpreterLanguage: 'tr' });
		const exported = await exportFamily(t.db, schoolId, f.familyId, officeId, NOW);
		expect(JSON.stringify(exported)).toContain('"own_interpreter_language":"tr"');
	});

	it('withdraws the request when the family decides to bring someone, with one office mail', async () => {
		const f = await newFamily();
		const arranged = visitChoice(f.slotIds[0]!, { interpreterLanguage: 'ar' });
		const { bookingId } = await book(f, arranged);
		expect((await requestsOf(bookingId)).map((r) => r.status)).toEqual(['requested']);

		const brought = await book(f, {
			...arranged,
			interpreterLanguage: null,
			ownInterpreterLanguage: 'ar'
		});
		expect(brought.changed).toBe(true);
		expect(await stored(bookingId)).toMatchObject({
			interpreterLanguage: null,
			ownInterpreterLanguage: 'ar'
		});
		expect((await requestsOf(bookingId)).map((r) => r.status)).toEqual(['cancelled']);
		const office = (await mailsOf(bookingId)).filter(
			(m) => m.kind === 'interpreter_request' && m.toAddress === OFFICE
		);
		// Both at the same moment on the test's clock: which came first is not the point.
		expect(office.map((m) => (m.payload as InterpreterPayload).change).sort()).toEqual([
			'new',
			'withdrawn'
		]);
		const [changed] = await t.db
			.select({ detail: auditEvent.detail })
			.from(auditEvent)
			.where(and(eq(auditEvent.subjectId, bookingId), eq(auditEvent.action, 'booking.changed')));
		expect(changed!.detail).toMatchObject({ interpreter: 'bring', changed: 'interpreter' });

		// And back: the school arranges again, their own is cleared (one of the two, never both).
		await book(f, arranged);
		expect(await stored(bookingId)).toMatchObject({
			interpreterLanguage: 'ar',
			ownInterpreterLanguage: null
		});
		// No meeting after all: neither is kept.
		const declined = await declineRound(
			t.db,
			schoolId,
			f.roundId,
			f.familyId,
			{ code: null, text: null },
			parent,
			NOW
		);
		expect(declined.ok).toBe(true);
		expect(await stored(bookingId)).toMatchObject({
			interpreterLanguage: null,
			ownInterpreterLanguage: null
		});
	});

	it('changes nothing on a re-post of the same choice, and counts another language as a change', async () => {
		const f = await newFamily();
		const brought = visitChoice(f.slotIds[1]!, { ownInterpreterLanguage: 'pl' });
		const first = await book(f, brought);
		const mailsBefore = (await mailsOf(first.bookingId)).length;
		const again = await book(f, brought);
		expect(again).toMatchObject({ changed: false, sequence: first.sequence });
		expect(await mailsOf(first.bookingId)).toHaveLength(mailsBefore);

		const other = await book(f, { ...brought, ownInterpreterLanguage: 'uk' });
		expect(other.changed).toBe(true);
		expect(other.sequence).toBe(first.sequence + 1);
		expect(await requestsOf(first.bookingId)).toEqual([]);
	});
});
