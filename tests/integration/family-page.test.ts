/**
 * The staff's page of one family, below the route: the answer's history from the audit log
 * (who booked, changed, declined, cancelled or moved, and when), how to reach the parents, the
 * mails the family was sent, and who may see it all. Each test makes its own school.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import {
	auditEvent,
	family,
	guardian,
	group,
	outbox,
	pupil,
	staff
} from '../../src/lib/server/db/schema';
import { createSlots } from '../../src/lib/server/slots/create';
import { deleteSlot, moveSlot } from '../../src/lib/server/slots/change';
import { bookVisit, cancelAnswer, declineRound } from '../../src/lib/server/booking/answer';
import { familyForStaff } from '../../src/lib/server/booking/choices';
import { answerHistory } from '../../src/lib/server/families/history';
import { familyContact } from '../../src/lib/server/families/contact';
import { familyMailKinds, familyMails } from '../../src/lib/server/families/mail';
import { familyKinds } from '../../src/lib/server/mail/payloads';
import type { Viewer } from '../../src/lib/server/auth/policy';
import { visitChoice, wallTimes } from '../support/visits';

const AMS = 'Europe/Amsterdam';
const NOW = new Date('2026-10-15T08:00:00Z');
const LATER = new Date('2026-10-16T09:30:00Z');
const at = (date: string, from: string, to: string) => wallTimes(date, from, to, AMS);
const choice = visitChoice;
const viewer = (row: { id: string; schoolId: string; role: 'admin' | 'teacher' }): Viewer => ({
	id: row.id,
	schoolId: row.schoolId,
	role: row.role,
	title: row.role === 'admin' ? 'office' : 'teacher'
});

describe.each(databaseKinds)('the staff page of one family on %s', (kind) => {
	let t: TestDatabase;

	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	afterAll(() => t?.dispose());

	/** A school with a teacher who has three evening times (one with an intern along), an office member and a family. */
	async function school() {
		const s = await makeSchool(t.db);
		const teacher = await makeStaff(t.db, s.id, { name: 'Jeroen Bos' });
		const intern = await makeStaff(t.db, s.id, { name: 'Sam Stagiair' });
		const office = await makeStaff(t.db, s.id, { name: 'Els Kantoor', role: 'admin' });
		const made = await makeFamilyInRound(t.db, s.id, teacher.id);
		const slots = await createSlots(
			t.db,
			{
				schoolId: s.id,
				roundId: made.round.id,
				staffId: teacher.id,
				secondStaffId: intern.id,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times: [
					at('2026-10-28', '16:00', '16:45'),
					at('2026-10-28', '17:00', '17:45'),
					at('2026-10-29', '16:00', '16:45')
				]
			},
			AMS,
			NOW
		);
		if (!slots.ok) throw new Error(slots.reason);
		return {
			schoolId: s.id,
			roundId: made.round.id,
			familyId: made.family.id,
			groupId: made.group.id,
			teacher,
			intern,
			office,
			slotIds: slots.ids
		};
	}

	it('tells the history of the answer: the family books, changes and cancels, then the office books for it', async () => {
		const s = await school();
		const parent = { kind: 'parent' as const };
		const booked = await bookVisit(
			t.db,
			s.schoolId,
			s.roundId,
			s.familyId,
			choice(s.slotIds[0]!, { parentQuestions: 'Hoe gaat het met lezen?' }),
			parent,
			NOW
		);
		expect(booked.ok).toBe(true);
		const changed = await bookVisit(
			t.db,
			s.schoolId,
			s.roundId,
			s.familyId,
			choice(s.slotIds[1]!, {
				location: 'school',
				interpreterLanguage: 'ar',
				parentQuestions: 'Hoe gaat het met lezen?'
			}),
			parent,
			NOW
		);
		expect(changed).toMatchObject({ ok: true, changed: true });
		// The same answer posted again changes nothing and adds nothing to the history.
		const again = await bookVisit(
			t.db,
			s.schoolId,
			s.roundId,
			s.familyId,
			choice(s.slotIds[1]!, {
				location: 'school',
				interpreterLanguage: 'ar',
				parentQuestions: 'Hoe gaat het met lezen?'
			}),
			parent,
			NOW
		);
		expect(again).toMatchObject({ ok: true, changed: false });
		expect((await cancelAnswer(t.db, s.schoolId, s.roundId, s.familyId, parent, NOW)).ok).toBe(
			true
		);
		const byOffice = { kind: 'staff' as const, staffId: s.office.id };
		expect(
			(
				await bookVisit(
					t.db,
					s.schoolId,
					s.roundId,
					s.familyId,
					choice(s.slotIds[2]!, {
						parentQuestions: undefined,
						staffNote: 'Moeder belde: liever om vier uur.'
					}),
					byOffice,
					LATER
				)
			).ok
		).toBe(true);
		expect(
			(
				await declineRound(
					t.db,
					s.schoolId,
					s.roundId,
					s.familyId,
					{ code: 'no_time', text: 'Drukke weken' },
					byOffice,
					LATER
				)
			).ok
		).toBe(true);

		const history = await answerHistory(t.db, s.schoolId, s.familyId, s.roundId);
		expect(
			history.map((h) => [h.event, h.by, h.location, h.interpreter, h.changed.join(' ')])
		).toEqual([
			['created', { kind: 'family' }, 'home', 'none', ''],
			['changed', { kind: 'family' }, 'school', 'arrange', 'slot location interpreter'],
			['cancelled', { kind: 'family' }, null, 'none', ''],
			['created', { kind: 'staff', name: 'Els Kantoor' }, 'home', 'none', ''],
			[
				'declined',
				{ kind: 'staff', name: 'Els Kantoor' },
				null,
				'none',
				'answer slot location reason'
			]
		]);
		expect(history.map((h) => h.at.toISOString())).toEqual([
			NOW.toISOString(),
			NOW.toISOString(),
			NOW.toISOString(),
			LATER.toISOString(),
			LATER.toISOString()
		]);
		// Another round's or another family's page shows none of it.
		const other = await makeFamilyInRound(t.db, s.schoolId, s.teacher.id);
		expect(await answerHistory(t.db, s.schoolId, s.familyId, other.round.id)).toEqual([]);
		expect(await answerHistory(t.db, s.schoolId, other.family.id, s.roundId)).toEqual([]);
	});

	it('keeps ids and codes in the audit log, never what the family or the staff typed', async () => {
		const s = await school();
		await t.db
			.update(guardian)
			.set({ name: 'Fatima El Amrani', phone: '0687654321' })
			.where(eq(guardian.familyId, s.familyId));
		await bookVisit(
			t.db,
			s.schoolId,
			s.roundId,
			s.familyId,
			choice(s.slotIds[0]!, {
				visitAddress: 'Tijdelijk adres 5, Amsterdam',
				parentQuestions: 'Mijn zoon slaapt slecht'
			}),
			{ kind: 'parent' },
			NOW
		);
		await bookVisit(
			t.db,
			s.schoolId,
			s.roundId,
			s.familyId,
			choice(s.slotIds[0]!, {
				location: 'school',
				notHomeReason: 'privacy',
				notHomeReasonText: 'De buren kijken mee',
				// Staff write their own note; the parents' questions stay as the family wrote them.
				parentQuestions: undefined,
				staffNote: 'Vader werkt in ploegen'
			}),
			{ kind: 'staff', staffId: s.teacher.id },
			NOW
		);
		const entries = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.schoolId, s.schoolId), like(auditEvent.action, 'booking.%')));
		expect(entries.map((e) => [e.action, e.actorKind, e.actorId])).toEqual([
			['booking.created', 'family', s.familyId],
			['booking.changed', 'staff', s.teacher.id]
		]);
		expect(entries[1]!.detail).toEqual({
			slotId: s.slotIds[0],
			location: 'school',
			placeId: null,
			interpreter: 'none',
			changed: 'location address reason note'
		});
		const text = JSON.stringify(entries);
		for (const secret of [
			'Tijdelijk',
			'slaapt',
			'buren',
			'ploegen',
			'Fatima',
			'0687654321',
			'Straat 1',
			'@example'
		])
			expect(text).not.toContain(secret);
	});

	it('names the staff member who moved or deleted the family’s time', async () => {
		const s = await school();
		await bookVisit(
			t.db,
			s.schoolId,
			s.roundId,
			s.familyId,
			choice(s.slotIds[0]!),
			{ kind: 'parent' },
			NOW
		);
		const teacher = viewer(s.teacher);
		expect(
			await moveSlot(
				t.db,
				teacher,
				s.slotIds[0]!,
				at('2026-10-30', '16:00', '16:45'),
				true,
				AMS,
				NOW
			)
		).toMatchObject({ ok: true });
		expect(await deleteSlot(t.db, viewer(s.office), s.slotIds[0]!, true, LATER)).toMatchObject({
			ok: true
		});
		const history = await answerHistory(t.db, s.schoolId, s.familyId, s.roundId);
		expect(history.map((h) => [h.event, h.by, h.slotDeleted])).toEqual([
			['created', { kind: 'family' }, false],
			['moved', { kind: 'staff', name: 'Jeroen Bos' }, false],
			['cancelled', { kind: 'staff', name: 'Els Kantoor' }, true]
		]);
		// A staff member who left: the entry stays, without a name.
		await t.db.delete(staff).where(eq(staff.id, s.office.id));
		expect((await answerHistory(t.db, s.schoolId, s.familyId, s.roundId))[2]!.by).toEqual({
			kind: 'staff',
			name: null
		});
	});

	it('gives the guardians with their relation, the address and the children with their groups', async () => {
		const s = await school();
		await t.db.delete(guardian).where(eq(guardian.familyId, s.familyId));
		await t.db.insert(guardian).values([
			{
				familyId: s.familyId,
				name: 'Ayşe Yılmaz',
				relation: 'moeder',
				email: 'ayse@example.com',
				phone: '06 2345 6789',
				language: 'tr'
			},
			{ familyId: s.familyId, name: 'Mehmet Yılmaz', email: null, phone: null, language: null }
		]);
		await t.db.update(family).set({ language: 'tr' }).where(eq(family.id, s.familyId));
		const [g2] = await t.db
			.insert(group)
			.values({ schoolId: s.schoolId, name: `5B-${kind}`, year: 5 })
			.returning();
		await t.db.insert(pupil).values({
			schoolId: s.schoolId,
			familyId: s.familyId,
			groupId: g2!.id,
			pupilNumber: `Y-${s.familyId.slice(0, 8)}`,
			firstName: 'Elif',
			infix: '',
			lastName: 'Yılmaz',
			birthDate: '2017-05-01'
		});
		const contact = await familyContact(t.db, s.schoolId, s.familyId);
		expect(contact).toMatchObject({
			address: 'Straat 1, 1234 AB Utrecht',
			language: 'tr',
			guardians: [
				{
					name: 'Ayşe Yılmaz',
					relation: 'moeder',
					email: 'ayse@example.com',
					phone: '06 2345 6789',
					language: 'tr'
				},
				// No language of their own: the family's. No relation in the export: none shown.
				{ name: 'Mehmet Yılmaz', relation: null, email: null, phone: null, language: 'tr' }
			]
		});
		expect(contact!.children.map((c) => [c.name, c.group])).toEqual([
			['Elif Yılmaz', `5B-${kind}`],
			[expect.stringMatching(/^Kind\d+ Test$/), expect.stringMatching(/^G\d+$/)]
		]);
		const other = await makeSchool(t.db);
		expect(await familyContact(t.db, other.id, s.familyId)).toBeNull();
	});

	it('lists the mails sent to the family, newest first, with their state, and none of staff or other families', async () => {
		const s = await school();
		const [address] = await t.db
			.select({ email: guardian.email })
			.from(guardian)
			.where(eq(guardian.familyId, s.familyId));
		// An invitation before any booking, queued for this family (as an invitation wave does).
		const invitation = (familyId: string, roundId: string) =>
			t.db.insert(outbox).values({
				schoolId: s.schoolId,
				kind: 'invitation',
				toAddress: address!.email!.toUpperCase(),
				familyId,
				roundId,
				payload: { schoolName: 'x', roundName: 'y' },
				status: 'sent',
				createdAt: new Date('2026-10-01T07:00:00Z'),
				sentAt: new Date('2026-10-01T07:01:00Z')
			});
		await invitation(s.familyId, s.roundId);
		await bookVisit(
			t.db,
			s.schoolId,
			s.roundId,
			s.familyId,
			choice(s.slotIds[0]!),
			{ kind: 'parent' },
			NOW
		);
		await t.db
			.update(outbox)
			.set({ status: 'failed', attempts: 9 })
			.where(and(eq(outbox.schoolId, s.schoolId), eq(outbox.kind, 'visit_booked')));
		// Another family of the school, with its own mail: not this family's.
		const other = await makeFamilyInRound(t.db, s.schoolId, s.teacher.id);
		await bookVisit(
			t.db,
			s.schoolId,
			other.round.id,
			other.family.id,
			choice(s.slotIds[1]!),
			{ kind: 'parent' },
			NOW
		);
		// The other family shares this parent's address (a parent with children in two
		// households): its invitation went to the same address, but is not this family's.
		await invitation(other.family.id, other.round.id);
		const { mails, total } = await familyMails(t.db, s.schoolId, s.familyId);
		expect(total).toBe(2);
		expect(mails.map((m) => [m.kind, m.status, m.attempts])).toEqual([
			['visit_booked', 'failed', 9],
			['invitation', 'sent', 0]
		]);
		expect(mails[1]!.at.toISOString()).toBe('2026-10-01T07:01:00.000Z');
		// The staff mail about the visit exists, but is the teacher's, not the family's.
		const staffMails = await t.db
			.select()
			.from(outbox)
			.where(and(eq(outbox.schoolId, s.schoolId), eq(outbox.kind, 'staff_visit_booked')));
		expect(staffMails.length).toBeGreaterThan(0);
		expect((await familyMails(t.db, s.schoolId, s.familyId, 1)).total).toBe(2);
		expect((await familyMails(t.db, (await makeSchool(t.db)).id, s.familyId)).total).toBe(0);
	});

	it('has words for every kind of mail a family reads', () => {
		expect(new Set(familyMailKinds)).toEqual(familyKinds);
	});

	it('shows the family to its teacher, the one going along and the office, not to another teacher or school', async () => {
		const s = await school();
		await bookVisit(
			t.db,
			s.schoolId,
			s.roundId,
			s.familyId,
			choice(s.slotIds[0]!),
			{ kind: 'parent' },
			NOW
		);
		const colleague = await makeStaff(t.db, s.schoolId);
		const elsewhere = await makeSchool(t.db);
		const stranger = await makeStaff(t.db, elsewhere.id, { role: 'admin' });
		const sees = async (who: { id: string; schoolId: string; role: 'admin' | 'teacher' }) =>
			familyForStaff(t.db, viewer(who), s.familyId);
		expect(await sees(s.teacher)).toMatchObject({ mayAct: true });
		expect(await sees(s.office)).toMatchObject({ mayAct: true });
		// The intern goes along to the booked visit: sees the family, does not answer for it.
		expect(await sees(s.intern)).toMatchObject({ mayAct: false });
		expect(await sees(colleague)).toBeNull();
		expect(await sees(stranger)).toBeNull();
		// Once the visit is cancelled, the intern no longer goes along.
		await cancelAnswer(t.db, s.schoolId, s.roundId, s.familyId, { kind: 'parent' }, NOW);
		expect(await sees(s.intern)).toBeNull();
	});
});
