/**
 * Interpreter requests as the office lives them: one request per visit that follows the visit
 * (new, moved, another language, withdrawn) with one office mail per change and never a second
 * request; arranged by the office with an invite for the interpreter; one interpreter never at
 * two visits at once, travel time included when they come in person, refused by the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { inWrittenOrder } from '../support/outbox-order';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { createSlots } from '../../src/lib/server/slots/create';
import {
	bookVisit,
	cancelAnswer,
	parentActor,
	type VisitChoice
} from '../../src/lib/server/booking/answer';
import { moveSlot } from '../../src/lib/server/slots/change';
import {
	arrangeInterpreter,
	releaseInterpreter,
	type Arrangement
} from '../../src/lib/server/interpreters/arrange';
import { addInterpreter, listInterpreters } from '../../src/lib/server/interpreters/register';
import { interpreterRequests } from '../../src/lib/server/interpreters/list';
import { visitForReport } from '../../src/lib/server/reports/visit';
import { familyPage } from '../../src/lib/server/families/page';
import { reminderMessages } from '../../src/lib/server/booking/visit-messages';
import { composeMessage } from '../../src/lib/server/mail/compose';
import {
	auditEvent,
	family,
	guardian,
	interpreterRequest,
	outbox,
	pupil,
	school
} from '../../src/lib/server/db/schema';
import type {
	InterpreterArrangedPayload,
	InterpreterPayload,
	InterpreterVisitPayload,
	Message
} from '../../src/lib/server/mail/payloads';
import { visitChoice, wallTimes } from '../support/visits';
import { eraseFamily } from '../../src/lib/server/privacy/family-data';

const AMS = 'Europe/Amsterdam';
const NOW = new Date('2026-10-15T08:00:00Z');
const at = (date: string, from: string, to: string) => wallTimes(date, from, to, AMS);
const choice = visitChoice;
const OFFICE = 'office@school.example';
const ctx = {
	origin: new URL('https://huisbezoek.school.example'),
	organizer: { name: 'Testschool', email: 'huisbezoek@school.example' }
};

describe.each(databaseKinds)('interpreter requests on %s', (kind) => {
	let t: TestDatabase;
	let schoolId: string;
	let roundId: string;
	let groupId: string;
	let teacherId: string;
	let office: { id: string; schoolId: string; role: 'admin'; title: string };
	let counter = 0;
	const parent = parentActor('b'.repeat(32), 'nl');

	const newFamily = async (visitor = teacherId) => {
		const [f] = await t.db
			.insert(family)
			.values({
				schoolId,
				street: 'Geheimstraat 9',
				postalCode: '1234 AB',
				city: 'Utrecht',
				visitingStaffId: visitor
			})
			.returning({ id: family.id });
		await t.db
			.insert(guardian)
			.values({ familyId: f!.id, name: 'Ouder', email: `ouder.${++counter}@example.org` });
		await t.db.insert(pupil).values({
			schoolId,
			familyId: f!.id,
			groupId,
			pupilNumber: `IR${counter}`,
			firstName: `Zeynep${counter}`,
			lastName: 'Geheim',
			birthDate: '2020-01-01'
		});
		return f!.id;
	};
	const slotsAt = async (staffId: string, times: { startsAt: Date; endsAt: Date }[]) => {
		const created = await createSlots(
			t.db,
			{
				schoolId,
				roundId,
				staffId,
				secondStaffId: null,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times
			},
			AMS,
			NOW
		);
		if (!created.ok) throw new Error(created.reason);
		return created.ids;
	};
	const book = async (familyId: string, c: VisitChoice) => {
		const result = await bookVisit(t.db, schoolId, roundId, familyId, c, parent, NOW);
		if (!result.ok) throw new Error(result.problem);
		return result.bookingId;
	};
	const requestsOf = (bookingId: string) =>
		t.db
			.select()
			.from(interpreterRequest)
			.where(eq(interpreterRequest.bookingId, bookingId))
			.orderBy(asc(interpreterRequest.createdAt), desc(interpreterRequest.status));
	const bookingOf = async (requestId: string) =>
		(
			await t.db
				.select({ bookingId: interpreterRequest.bookingId })
				.from(interpreterRequest)
				.where(eq(interpreterRequest.id, requestId))
		)[0]!.bookingId;
	const openOf = async (bookingId: string) =>
		(
			await t.db
				.select()
				.from(interpreterRequest)
				.where(
					and(
						eq(interpreterRequest.bookingId, bookingId),
						ne(interpreterRequest.status, 'cancelled')
					)
				)
		)[0];
	const officeMails = async (bookingId: string) =>
		(
			await t.db
				.select({ payload: outbox.payload })
				.from(outbox)
				.where(
					and(
						eq(outbox.bookingId, bookingId),
						eq(outbox.kind, 'interpreter_request'),
						eq(outbox.toAddress, OFFICE)
					)
				)
				.orderBy(...inWrittenOrder)
		).map((m) => m.payload as InterpreterPayload);
	const invites = async (address: string) =>
		t.db
			.select({
				kind: outbox.kind,
				toAddress: outbox.toAddress,
				toName: outbox.toName,
				language: outbox.language,
				payload: outbox.payload
			})
			.from(outbox)
			.where(and(eq(outbox.kind, 'interpreter_visit'), eq(outbox.toAddress, address)))
			.orderBy(...inWrittenOrder);
	const arrange = (requestId: string, over: Partial<Arrangement> & { interpreterId: string }) =>
		arrangeInterpreter(
			t.db,
			office,
			requestId,
			{ mode: 'in_person', contactName: '', contactPhone: '', ...over },
			NOW
		);
	const newInterpreter = async (name: string, email: string, languages: string[]) => {
		const added = await addInterpreter(t.db, schoolId, {
			name,
			kind: 'volunteer',
			languages,
			phone: '06 1234 5678',
			email,
			mailLanguage: 'tr',
			staffId: '',
			active: true
		});
		if (!added.ok) throw new Error(JSON.stringify(added.errors));
		return added.id;
	};

	beforeAll(async () => {
		t = await freshDatabase(kind);
		schoolId = (await makeSchool(t.db)).id;
		teacherId = (await makeStaff(t.db, schoolId)).id;
		const admin = await makeStaff(t.db, schoolId, { role: 'admin', email: OFFICE });
		office = { id: admin.id, schoolId, role: 'admin', title: 'office' };
		const made = await makeFamilyInRound(t.db, schoolId, teacherId);
		roundId = made.round.id;
		groupId = made.group.id;
	});
	afterAll(() => t?.dispose());

	it('follows the visit: one request, one office mail per change, never a duplicate', async () => {
		const [first, second] = await slotsAt(teacherId, [
			at('2026-11-02', '16:00', '16:45'),
			at('2026-11-03', '16:00', '16:45')
		]);
		const familyId = await newFamily();
		const tr = choice(first!, { interpreterLanguage: 'tr' });
		const bookingId = await book(familyId, tr);
		// The same booking posted again: still one request, one mail.
		await book(familyId, tr);
		await book(familyId, { ...tr, parentQuestions: 'Over rekenen' });
		expect(await requestsOf(bookingId)).toMatchObject([{ status: 'requested', language: 'tr' }]);
		expect((await officeMails(bookingId)).map((m) => m.change)).toEqual(['new']);

		// Moved: the same request moves along, the office hears "moved from X".
		await book(familyId, { ...tr, slotId: second! });
		let mails = await officeMails(bookingId);
		expect(mails.map((m) => m.change)).toEqual(['new', 'moved']);
		expect(mails[1]).toMatchObject({
			language: 'tr',
			startsAt: '2026-11-03T15:00:00.000Z',
			previousStartsAt: '2026-11-02T15:00:00.000Z'
		});
		expect(await requestsOf(bookingId)).toHaveLength(1);

		// Another place: moved too. Another language: the old request lapses, a new one opens.
		await book(familyId, { ...tr, slotId: second!, location: 'school' });
		await book(familyId, { ...tr, slotId: second!, location: 'school', interpreterLanguage: 'ar' });
		mails = await officeMails(bookingId);
		expect(mails.map((m) => m.change)).toEqual(['new', 'moved', 'moved', 'language']);
		expect(mails[2]).toMatchObject({ location: 'school', previousLocation: 'home' });
		expect(mails[3]).toMatchObject({ language: 'ar', previousLanguage: 'tr' });
		expect((await requestsOf(bookingId)).map((r) => [r.language, r.status])).toEqual([
			['tr', 'cancelled'],
			['ar', 'requested']
		]);

		// No interpreter any more: withdrawn. Asked again, then the visit cancelled: new, withdrawn.
		await book(familyId, { ...tr, slotId: second!, interpreterLanguage: null });
		await book(familyId, { ...tr, slotId: second! });
		const cancelled = await cancelAnswer(t.db, schoolId, roundId, familyId, parent, NOW);
		expect(cancelled.ok).toBe(true);
		mails = await officeMails(bookingId);
		expect(mails.map((m) => m.change)).toEqual([
			'new',
			'moved',
			'moved',
			'language',
			'withdrawn',
			'new',
			'withdrawn'
		]);
		expect(await openOf(bookingId)).toBeUndefined();
		// Each mail says what changed, in words, without a raw key.
		for (const payload of mails) {
			const mail = composeMessage(
				{
					kind: 'interpreter_request',
					payload,
					language: 'nl',
					toAddress: OFFICE,
					toName: 'Office'
				} as Message & { language: string; toAddress: string; toName: string },
				ctx
			);
			expect(mail.subject).not.toMatch(/interpreter_mail\./);
			expect(mail.text).not.toMatch(/interpreter_mail\./);
		}
	});

	it('arranges an interpreter with an invite, and the database refuses them at two visits at once, travel included', async () => {
		const colleague = (await makeStaff(t.db, schoolId)).id;
		const [mine] = await slotsAt(teacherId, [at('2026-11-09', '16:00', '16:45')]);
		const [overlapping, tooClose] = await slotsAt(colleague, [
			at('2026-11-09', '16:30', '17:15'),
			at('2026-11-10', '16:55', '17:40')
		]);
		const third = (await makeStaff(t.db, schoolId)).id;
		const [sameDayClose] = await slotsAt(third, [at('2026-11-09', '16:55', '17:40')]);
		const ayse = await newInterpreter('Ayşe Tolk', 'ayse.tolk@example.org', ['tr']);
		const only = await newInterpreter('Olena Tolk', 'olena@example.org', ['uk']);

		const familyA = await newFamily();
		const a = await book(familyA, choice(mine!, { interpreterLanguage: 'tr' }));
		const b = await book(
			await newFamily(colleague),
			choice(overlapping!, { interpreterLanguage: 'tr' })
		);
		const c = await book(
			await newFamily(third),
			choice(sameDayClose!, { interpreterLanguage: 'tr' })
		);
		const ra = (await openOf(a))!.id;
		const rb = (await openOf(b))!.id;
		const rc = (await openOf(c))!.id;

		expect(await arrange(ra, { interpreterId: only })).toEqual({
			ok: false,
			problem: 'language_not_spoken'
		});
		expect(await arrange(ra, { interpreterId: ayse })).toEqual({ ok: true, value: undefined });
		expect(await openOf(a)).toMatchObject({
			status: 'arranged',
			interpreterId: ayse,
			mode: 'in_person',
			sequence: 1
		});
		// The family's page says an interpreter will be there, in person, without a name (the school
		// has not chosen to give names); so does its reminder.
		expect((await familyPage(t.db, familyA, roundId))!.interpreterArranged).toEqual({
			mode: 'in_person',
			name: null
		});
		const [reminder] = await reminderMessages(t.db, a);
		expect(reminder!.payload.interpreterArranged).toEqual({ mode: 'in_person', name: null });
		const reminderMail = composeMessage(
			{
				...reminder!,
				kind: 'visit_reminder',
				toAddress: 'ouder@example.org',
				toName: 'Ouder'
			} as never,
			ctx
		);
		expect(reminderMail.text).toContain('De tolk Turks komt ook.');
		// In person, 16:00–16:45 and 16:55 lie less than the round's 15 minutes of travel apart; 16:30 overlaps.
		expect(await arrange(rb, { interpreterId: ayse })).toEqual({
			ok: false,
			problem: 'interpreter_busy'
		});
		expect(await arrange(rc, { interpreterId: ayse })).toEqual({
			ok: false,
			problem: 'interpreter_busy'
		});
		// By phone she needs no travel: a call at 16:55 is fine.
		expect(await arrange(rc, { interpreterId: ayse, mode: 'phone' })).toEqual({
			ok: true,
			value: undefined
		});
		expect((await openOf(b))!.status).toBe('requested');

		let sent = await invites('ayse.tolk@example.org');
		expect(sent.map((m) => (m.payload as InterpreterVisitPayload).method)).toEqual([
			'REQUEST',
			'REQUEST'
		]);
		expect(sent[0]!.language).toBe('tr');
		const first = composeMessage(sent[0] as never, ctx);
		expect(first.calendar?.method).toBe('REQUEST');
		expect(first.calendar?.content).toContain(`UID:interpreter-${ra}@huisbezoek`);
		expect(first.calendar?.content).toContain('SEQUENCE:1');
		// In person at home: the address is in the mail, not in the calendar that syncs elsewhere;
		// the child is named nowhere, as the school has not allowed it.
		expect(first.text).toContain('Geheimstraat 9');
		expect(first.calendar?.content).not.toContain('Geheimstraat');
		expect(first.text + first.calendar?.content).not.toContain('Zeynep');
		expect(first.subject + first.text).not.toMatch(/interpreter_mail\./);

		// The teacher moves her visit to the 10th at 16:00: Ayşe is free then and moves along.
		const moved = await moveSlot(
			t.db,
			{ id: teacherId, schoolId, role: 'teacher', title: 'teacher' },
			mine!,
			at('2026-11-10', '16:00', '16:45'),
			true,
			AMS,
			NOW
		);
		expect(moved.ok).toBe(true);
		expect(await openOf(a)).toMatchObject({ status: 'arranged', interpreterId: ayse, sequence: 2 });
		sent = await invites('ayse.tolk@example.org');
		expect(sent.at(-1)!.payload).toMatchObject({
			method: 'REQUEST',
			sequence: 2,
			previousStartsAt: '2026-11-09T15:00:00.000Z',
			startsAt: '2026-11-10T15:00:00.000Z'
		});
		expect((await officeMails(a)).at(-1)).toMatchObject({
			change: 'moved',
			arranged: { name: 'Ayşe Tolk', keeps: true }
		});

		// A family on the 10th at 16:55 asks for Turkish; Ayşe (16:00–16:45 there, in person) cannot come.
		const d = await book(
			await newFamily(colleague),
			choice(tooClose!, { interpreterLanguage: 'tr' })
		);
		expect(await arrange((await openOf(d))!.id, { interpreterId: ayse })).toEqual({
			ok: false,
			problem: 'interpreter_busy'
		});
		// This school tells families who interprets (from now on).
		await t.db
			.update(school)
			.set({ interpreterNameToFamilies: true })
			.where(eq(school.id, schoolId));
		// By phone she can: a call from 16:55.
		expect(await arrange((await openOf(d))!.id, { interpreterId: ayse, mode: 'phone' })).toEqual({
			ok: true,
			value: undefined
		});
		// The teacher moves again, to 16:30–17:15: over Ayşe's 16:55 call.
		const clash = await moveSlot(
			t.db,
			{ id: teacherId, schoolId, role: 'teacher', title: 'teacher' },
			mine!,
			at('2026-11-10', '16:30', '17:15'),
			true,
			AMS,
			NOW
		);
		expect(clash.ok).toBe(true);
		// The visit moved; Ayşe could not move along: back to the office, and she gets a CANCEL.
		expect(await openOf(a)).toMatchObject({
			status: 'requested',
			interpreterId: null,
			sequence: 3
		});
		sent = await invites('ayse.tolk@example.org');
		expect(sent.at(-1)!.payload).toMatchObject({
			method: 'CANCEL',
			sequence: 3,
			startsAt: '2026-11-10T15:00:00.000Z'
		});
		expect((await officeMails(a)).at(-1)).toMatchObject({
			change: 'moved',
			arranged: { name: 'Ayşe Tolk', keeps: false }
		});
		const cancel = composeMessage(sent.at(-1) as never, ctx);
		expect(cancel.calendar?.method).toBe('CANCEL');
		expect(cancel.calendar?.content).toContain('SEQUENCE:3');

		// Released by the office: a CANCEL; the family cancelling an arranged visit: a CANCEL too.
		expect(await releaseInterpreter(t.db, office, rc, NOW)).toEqual({ ok: true, value: undefined });
		expect((await invites('ayse.tolk@example.org')).at(-1)!.payload).toMatchObject({
			method: 'CANCEL',
			requestId: rc
		});

		// Each family heard once that an interpreter will be there, in its language: family a not
		// again when she moved along, nor when she was lost; the name only once the school allowed it.
		const news = async (bookingId: string) =>
			(
				await t.db
					.select({ payload: outbox.payload })
					.from(outbox)
					.where(and(eq(outbox.bookingId, bookingId), eq(outbox.kind, 'interpreter_arranged')))
			).map((m) => m.payload as InterpreterArrangedPayload);
		expect(await news(a)).toMatchObject([
			{ language: 'tr', mode: 'in_person', interpreterName: null }
		]);
		expect(await news(c)).toHaveLength(1);
		expect(await news(b)).toEqual([]);
		expect(await news(d)).toMatchObject([{ mode: 'phone', interpreterName: 'Ayşe Tolk' }]);
		const told = composeMessage(
			{
				kind: 'interpreter_arranged',
				payload: (await news(d))[0]!,
				language: 'ar',
				toAddress: 'ouder@example.org',
				toName: 'Ouder'
			} as never,
			ctx
		);
		expect(told.dir).toBe('rtl');
		expect(told.text).toContain('Ayşe Tolk');
		expect(told.subject + told.text).not.toMatch(/interpreter_mail\./);

		// Who arranged and released what is in the audit log, with ids and codes only.
		const log = await t.db
			.select({ action: auditEvent.action, detail: auditEvent.detail })
			.from(auditEvent)
			.where(eq(auditEvent.subjectId, rc))
			.orderBy(asc(auditEvent.createdAt), asc(auditEvent.action));
		expect(log.map((l) => l.action)).toEqual(['interpreter.arranged', 'interpreter.released']);
		expect(log[0]!.detail).toEqual({ bookingId: c, interpreterId: ayse, mode: 'phone' });

		// After the visit, the report's "who interpreted" starts from what the office arranged.
		const visit = await visitForReport(t.db, office, d, new Date('2026-11-11T12:00:00Z'));
		expect(visit!.interpreterOnRecord).toEqual({ kind: 'other', name: 'Ayşe Tolk' });

		// The office's list: still to arrange first, by date; the home page's figure.
		const list = await interpreterRequests(t.db, schoolId, { from: NOW, page: 1 });
		const statuses = list.rows.map((r) => r.status);
		expect(statuses).toEqual([...statuses].sort((x, y) => rank(x) - rank(y)));
		expect(list.toArrange).toBe(list.rows.filter((r) => r.status === 'requested').length);
		const people = await listInterpreters(t.db, schoolId, NOW);
		expect(people.find((p) => p.id === ayse)!.upcoming).toBe(1);
	});

	it('never gives one interpreter two overlapping visits when the office arranges four at the same moment', async () => {
		const others = await Promise.all([1, 2, 3, 4].map(() => makeStaff(t.db, schoolId)));
		// Four visits on 12 November, each overlapping the next.
		const times = [
			['16:00', '16:45'],
			['16:20', '17:05'],
			['16:40', '17:25'],
			['17:00', '17:45']
		] as const;
		const bookings: string[] = [];
		for (const [k, person] of others.entries()) {
			const [slot] = await slotsAt(person.id, [at('2026-11-12', times[k]![0], times[k]![1])]);
			bookings.push(
				await book(await newFamily(person.id), choice(slot!, { interpreterLanguage: 'so' }))
			);
		}
		const sahra = await newInterpreter('Sahra Tolk', 'sahra@example.org', ['so']);
		const requests = await Promise.all(bookings.map(async (b) => (await openOf(b))!.id));
		for (let round = 0; round < 5; round++) {
			const results = await Promise.all(
				requests.map((r) => arrange(r, { interpreterId: sahra, mode: 'phone' }))
			);
			const arranged = await t.db
				.select({ startsAt: interpreterRequest.startsAt, until: interpreterRequest.blockedUntil })
				.from(interpreterRequest)
				.where(
					and(
						eq(interpreterRequest.interpreterId, sahra),
						eq(interpreterRequest.status, 'arranged')
					)
				)
				.orderBy(asc(interpreterRequest.startsAt));
			// Whichever won, no two of hers overlap; every refusal is the typed "busy".
			for (let i = 1; i < arranged.length; i++)
				expect(arranged[i]!.startsAt.getTime()).toBeGreaterThanOrEqual(
					arranged[i - 1]!.until!.getTime()
				);
			expect(arranged.length).toBe(results.filter((r) => r.ok).length);
			expect(arranged.length).toBeGreaterThanOrEqual(1);
			for (const r of results) if (!r.ok) expect(r.problem).toBe('interpreter_busy');
			for (const r of requests) await releaseInterpreter(t.db, office, r, NOW);
		}
	});

	it('lets a service take visits at the same time: it sends whoever is free', async () => {
		const [one, two] = await Promise.all([makeStaff(t.db, schoolId), makeStaff(t.db, schoolId)]);
		const [s1] = await slotsAt(one.id, [at('2026-11-11', '18:00', '18:45')]);
		const [s2] = await slotsAt(two.id, [at('2026-11-11', '18:00', '18:45')]);
		const r1 = (await openOf(
			await book(await newFamily(one.id), choice(s1!, { interpreterLanguage: 'ti' }))
		))!.id;
		const r2 = (await openOf(
			await book(await newFamily(two.id), choice(s2!, { interpreterLanguage: 'ti' }))
		))!.id;
		const added = await addInterpreter(t.db, schoolId, {
			name: 'Tolkcentrum',
			kind: 'service',
			languages: ['ti'],
			phone: '088 255 52 22',
			email: 'planning@tolkcentrum.example',
			mailLanguage: 'nl',
			staffId: '',
			active: true
		});
		if (!added.ok) throw new Error('not added');
		// Recorded after the visit (the office noting who came): the family is not told afterwards.
		const afterwards = new Date('2026-11-11T19:00:00Z');
		expect(
			await arrangeInterpreter(
				t.db,
				office,
				r1,
				{ interpreterId: added.id, mode: 'phone', contactName: '', contactPhone: '' },
				afterwards
			)
		).toEqual({ ok: true, value: undefined });
		expect(
			await t.db
				.select({ id: outbox.id })
				.from(outbox)
				.where(
					and(eq(outbox.bookingId, await bookingOf(r1)), eq(outbox.kind, 'interpreter_arranged'))
				)
		).toEqual([]);
		expect(
			await arrange(r2, { interpreterId: added.id, mode: 'phone', contactName: 'Abeba' })
		).toEqual({
			ok: true,
			value: undefined
		});
		expect((await openOf(await bookingOf(r2)))!.exclusive).toBe(false);
	});

	it('lets only the office of the same school arrange, and only its own interpreters', async () => {
		const [slot] = await slotsAt(teacherId, [at('2026-11-11', '16:00', '16:45')]);
		const r = (await openOf(
			await book(await newFamily(), choice(slot!, { interpreterLanguage: 'pl' }))
		))!.id;
		const other = (await makeSchool(t.db)).id;
		const foreign = await addInterpreter(t.db, other, {
			name: 'Piotr',
			kind: 'service',
			languages: ['pl'],
			phone: '0800',
			email: '',
			mailLanguage: 'pl',
			staffId: '',
			active: true
		});
		expect(foreign.ok).toBe(true);
		const foreignInterpreter = (await listInterpreters(t.db, other, NOW))[0]!.id;
		expect(await arrange(r, { interpreterId: foreignInterpreter })).toEqual({
			ok: false,
			problem: 'interpreter_unknown'
		});
		const teacher = { id: teacherId, schoolId, role: 'teacher' as const, title: 'teacher' };
		const pl = await newInterpreter('Piotr Tolk', 'piotr@example.org', ['pl']);
		expect(
			await arrangeInterpreter(
				t.db,
				teacher,
				r,
				{ interpreterId: pl, mode: 'phone', contactName: '', contactPhone: '' },
				NOW
			)
		).toEqual({ ok: false, problem: 'not_found' });
		const otherOffice = { id: office.id, schoolId: other, role: 'admin' as const, title: 'office' };
		expect(await releaseInterpreter(t.db, otherOffice, r, NOW)).toEqual({
			ok: false,
			problem: 'not_found'
		});
		expect(await releaseInterpreter(t.db, office, 'not-a-uuid', NOW)).toEqual({
			ok: false,
			problem: 'not_found'
		});
	});

	it('sends an interpreter who comes in person the corrected address; one by phone, and the office, hear nothing', async () => {
		const [inPerson, byPhone] = await slotsAt(teacherId, [
			at('2026-11-12', '09:00', '09:45'),
			at('2026-11-13', '09:00', '09:45')
		]);
		const nadia = await newInterpreter('Nadia Tolk', 'nadia.tolk@example.org', ['tr']);
		const familyA = await newFamily();
		const a = await book(familyA, choice(inPerson!, { interpreterLanguage: 'tr' }));
		const ra = (await openOf(a))!.id;
		expect(await arrange(ra, { interpreterId: nadia })).toMatchObject({ ok: true });
		const familyB = await newFamily();
		const b = await book(familyB, choice(byPhone!, { interpreterLanguage: 'tr' }));
		expect(
			await arrange((await openOf(b))!.id, { interpreterId: nadia, mode: 'phone' })
		).toMatchObject({
			ok: true
		});
		const officeBefore = [...(await officeMails(a)), ...(await officeMails(b))].length;
		expect(await invites('nadia.tolk@example.org')).toHaveLength(2);

		// Same times; each family corrects the address for the visit.
		const corrected = 'Nieuwe Gracht 12, 3512 LT Utrecht';
		await book(familyA, choice(inPerson!, { interpreterLanguage: 'tr', visitAddress: corrected }));
		await book(familyB, choice(byPhone!, { interpreterLanguage: 'tr', visitAddress: corrected }));
		const sent = await invites('nadia.tolk@example.org');
		expect(sent).toHaveLength(3);
		// All written at the same NOW: found by what they say, not by their order.
		const updated = sent.filter((m) => (m.payload as InterpreterVisitPayload).sequence === 2);
		expect(updated).toHaveLength(1);
		expect(updated[0]!.payload).toMatchObject({
			method: 'REQUEST',
			requestId: ra,
			sequence: 2,
			address: corrected
		});
		expect(await openOf(a)).toMatchObject({ status: 'arranged', sequence: 2 });
		expect([...(await officeMails(a)), ...(await officeMails(b))]).toHaveLength(officeBefore);
		// Booking the same again changes nothing and sends nothing.
		await book(familyA, choice(inPerson!, { interpreterLanguage: 'tr', visitAddress: corrected }));
		expect(await invites('nadia.tolk@example.org')).toHaveLength(3);
	});

	it('tells the arranged interpreter the visit is off when the family is erased, naming neither address nor child', async () => {
		// The school names children in invites: the erasure's CANCEL must still not.
		await t.db.update(school).set({ staffInviteDetails: true }).where(eq(school.id, schoolId));
		const [soon, past] = await slotsAt(teacherId, [
			at('2026-11-12', '19:00', '19:45'),
			at('2026-11-13', '19:00', '19:45')
		]);
		const erased = await newFamily();
		const visit = await book(erased, choice(soon!, { interpreterLanguage: 'tr' }));
		const request = (await openOf(visit))!;
		const ilse = await newInterpreter('Ilse Tolk', 'ilse.tolk@example.org', ['tr']);
		expect(await arrange(request.id, { interpreterId: ilse })).toEqual({
			ok: true,
			value: undefined
		});
		// A second family whose visit the interpreter keeps: it is not theirs to hear about.
		const kept = await book(await newFamily(), choice(past!, { interpreterLanguage: 'tr' }));
		expect(await arrange((await openOf(kept))!.id, { interpreterId: ilse })).toMatchObject({
			ok: true
		});
		expect(await invites('ilse.tolk@example.org')).toHaveLength(2);

		const removed = await eraseFamily(t.db, schoolId, erased, office.id, NOW);
		expect(removed).toMatchObject({ interpretersCancelled: 1 });
		await t.db.update(school).set({ staffInviteDetails: false }).where(eq(school.id, schoolId));

		// The first invite, with the address and the children's names, went with the family's
		// messages; the kept visit's stays; a CANCEL with only the time is new.
		const after = await invites('ilse.tolk@example.org');
		const method = (m: (typeof after)[number]) => (m.payload as InterpreterVisitPayload).method;
		expect(after.map(method).sort()).toEqual(['CANCEL', 'REQUEST']);
		const stays = after.find((m) => method(m) === 'REQUEST')!;
		expect((stays.payload as InterpreterVisitPayload).requestId).not.toBe(request.id);
		const cancel = after.find((m) => method(m) === 'CANCEL')!;
		const payload = cancel.payload as InterpreterVisitPayload;
		expect(payload).toMatchObject({
			method: 'CANCEL',
			requestId: request.id,
			sequence: 2,
			address: '',
			placeName: '',
			details: null
		});
		const mail = composeMessage(
			{ ...cancel, kind: 'interpreter_visit' } as Message & {
				toAddress: string;
				toName: string;
				language: string;
			},
			ctx
		);
		expect(mail.calendar!.content).toContain('METHOD:CANCEL');
		expect(mail.calendar!.content).toContain(`UID:interpreter-${request.id}@huisbezoek`);
		for (const text of [mail.text, mail.html, mail.calendar!.content]) {
			expect(text).not.toContain('Geheimstraat');
			expect(text).not.toContain('Zeynep');
		}
		// Of the erased visit's messages only that CANCEL is left in the outbox.
		const left = await t.db
			.select({ kind: outbox.kind, payload: outbox.payload })
			.from(outbox)
			.where(eq(outbox.bookingId, visit));
		expect(left).toEqual([{ kind: 'interpreter_visit', payload }]);
	});
});

const rank = (s: string) => (s === 'requested' ? 0 : s === 'arranged' ? 1 : 2);
