import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import {
	databaseKinds,
	emptyDatabase,
	freshDatabase,
	type TestDatabase
} from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { rowsOf } from '../../src/lib/server/db';
import {
	auditEvent,
	booking,
	family,
	familyLink,
	familyRequest,
	guardian,
	interpreter,
	interpreterRequest,
	outbox,
	pupil,
	staff,
	staffSession,
	visitReport,
	visitRound
} from '../../src/lib/server/db/schema';
import { createSlots } from '../../src/lib/server/slots/create';
import { bookVisit, cancelAnswer, declineRound } from '../../src/lib/server/booking/answer';
import { arrangeInterpreter } from '../../src/lib/server/interpreters/arrange';
import { addInterpreter } from '../../src/lib/server/interpreters/register';
import { issueFamilyLink } from '../../src/lib/server/families/links';
import { requestFamilyLink, roundByNewsletterCode } from '../../src/lib/server/families/newsletter';
import { reportPeople, visitForReport } from '../../src/lib/server/reports/visit';
import { readReportForm } from '../../src/lib/server/reports/form';
import { saveReport } from '../../src/lib/server/reports/save';
import { reportsCsv, reportsForGroup, textBlock } from '../../src/lib/server/reports/export';
import { visitsToReport } from '../../src/lib/server/reports/list';
import { liveFigures, roundFigures } from '../../src/lib/server/evaluation/figures';
import { applyRetention } from '../../src/lib/server/privacy/retention';
import { eraseFamily, exportFamily } from '../../src/lib/server/privacy/family-data';
import { translatorFor } from '../../src/lib/server/i18n';
import { composeMessage } from '../../src/lib/server/mail/compose';
import { asMessage } from '../../src/lib/server/mail/outbox';
import { visitChoice, wallTimes } from '../support/visits';

const AMS = 'Europe/Amsterdam';
const BOOKED_AT = new Date('2026-10-15T08:00:00Z');
const AFTER_VISITS = new Date('2026-10-29T08:00:00Z');
const at = (date: string, from: string, to: string) => wallTimes(date, from, to, AMS);
const parent = { kind: 'parent' as const };
// Words only a parent typed: after the retention job none may be found anywhere in the database.
const SECRETS = [
	'Vraag-over-slapen',
	'Reden-geen-ruimte',
	'Reden-liever-niet',
	'Adres-bij-oma 12',
	'Bel-mij-na-zessen'
];

function reportForm(fields: Record<string, string | string[]>) {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) form.append(k, one);
	return form;
}

// The report Anouk writes after the home visit, as the form sends it.
const REPORT = {
	held: 'yes',
	date: '2026-10-28',
	time: '16:05',
	location: 'home',
	parent: ['Ayşe Yılmaz'],
	child: 'yes',
	interpreter: 'family',
	interpreterName: 'أحمد (oom)',
	mainPoints: 'Emre slaapt slecht; Gökhan helpt met huiswerk.\r\n=SUM(A1)',
	followUp: 'care_coordinator'
};

describe.each(databaseKinds)('visit reports, evaluation and retention on %s', (kind) => {
	let t: TestDatabase;
	let schoolId: string;
	let roundId: string;
	let groupId: string;
	let anouk: { id: string; schoolId: string; role: 'admin' | 'teacher'; title: string };
	let other: typeof anouk;
	let careCoordinator: typeof anouk;
	let admin: typeof anouk;
	let families: string[];
	let homeBooking: string;

	const who = (row: {
		id: string;
		schoolId: string;
		role: 'admin' | 'teacher';
		title: string;
	}) => ({ id: row.id, schoolId: row.schoolId, role: row.role, title: row.title });

	/** The school and its staff: Anouk, her colleague Jeroen, the office and the care coordinator. */
	const makeTeam = async () => {
		schoolId = (await makeSchool(t.db)).id;
		anouk = who(await makeStaff(t.db, schoolId, { name: 'Anouk Visser' }));
		other = who(await makeStaff(t.db, schoolId, { name: 'Jeroen Bos' }));
		admin = who(await makeStaff(t.db, schoolId, { role: 'admin', name: 'Marieke Smit' }));
		const [ib] = await t.db
			.update(staff)
			.set({ title: 'care_coordinator' })
			.where(eq(staff.id, (await makeStaff(t.db, schoolId, { name: 'Samira Ouali' })).id))
			.returning();
		careCoordinator = who(ib!);
	};

	/** Anouk's round of four families: a home visit, a visit at school, a "no meeting" and one who has not answered. */
	const makeRound = async () => {
		const first = await makeFamilyInRound(t.db, schoolId, anouk.id);
		roundId = first.round.id;
		groupId = first.group.id;
		families = [first.family.id];
		await t.db
			.update(pupil)
			.set({ firstName: 'Emre', lastName: 'Yılmaz' })
			.where(eq(pupil.familyId, first.family.id));
		await t.db
			.update(guardian)
			.set({ name: 'Ayşe Yılmaz' })
			.where(eq(guardian.familyId, first.family.id));
		for (let i = 0; i < 3; i++) {
			const [f] = await t.db
				.insert(family)
				.values({ schoolId, visitingStaffId: anouk.id })
				.returning();
			await t.db.insert(guardian).values({
				familyId: f!.id,
				name: `Ouder ${i}`,
				email: `ouder-${i}-${kind}@families.example`
			});
			await t.db.insert(pupil).values({
				schoolId,
				familyId: f!.id,
				groupId,
				pupilNumber: `N${i}`,
				firstName: `Kind${i}`,
				lastName: 'Test',
				birthDate: '2020-02-02'
			});
			families.push(f!.id);
		}
		const slots = await createSlots(
			t.db,
			{
				schoolId,
				roundId,
				staffId: anouk.id,
				secondStaffId: null,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times: [at('2026-10-28', '16:00', '16:45'), at('2026-10-28', '17:00', '17:45')]
			},
			AMS,
			BOOKED_AT
		);
		if (!slots.ok) throw new Error('slots');
		const choice = visitChoice;
		const home = await bookVisit(
			t.db,
			schoolId,
			roundId,
			families[0]!,
			choice(slots.ids[0]!, { parentQuestions: SECRETS[0]!, visitAddress: SECRETS[3]! }),
			parent,
			BOOKED_AT
		);
		homeBooking = (home as { bookingId: string }).bookingId;
		await bookVisit(
			t.db,
			schoolId,
			roundId,
			families[1]!,
			choice(slots.ids[1]!, {
				location: 'school',
				notHomeReason: 'no_space',
				notHomeReasonText: SECRETS[1]!,
				interpreterLanguage: 'ar'
			}),
			parent,
			BOOKED_AT
		);
		await declineRound(
			t.db,
			schoolId,
			roundId,
			families[2]!,
			{ code: 'privacy', text: SECRETS[2]! },
			parent,
			BOOKED_AT
		);
		await issueFamilyLink(t.db, families[3]!, roundId, BOOKED_AT);
		// The family that has not answered asked to be called, in its own words.
		await t.db.insert(familyRequest).values({
			schoolId,
			roundId,
			familyId: families[3]!,
			kind: 'call_me',
			note: SECRETS[4]!,
			phone: '+31612345678'
		});
	};

	/** Anouk writes the report of the home visit, naming Jeroen, who went along. */
	const writeReport = async (
		fields: Record<string, string | string[]> = REPORT,
		savedAt = AFTER_VISITS
	) => {
		const visit = (await visitForReport(t.db, anouk, homeBooking, AFTER_VISITS))!;
		const read = readReportForm(
			reportForm({ ...fields, staff: [anouk.id, other.id] }),
			{ staffIds: [anouk.id, other.id], parents: visit.guardians },
			AMS
		);
		if (!read.ok) throw new Error(JSON.stringify(read.errors));
		return (await saveReport(t.db, anouk, visit, read.value, savedAt))!;
	};

	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	// The retention job acts on every school, and the checks count whole tables: each test has
	// the database to itself, and builds what it needs.
	beforeEach(async () => {
		await emptyDatabase(t.db);
		await makeTeam();
	});
	afterAll(() => t?.dispose());

	it('opens a visit for its own staff, the admin and the care coordinator, once it has begun', async () => {
		await makeRound();
		expect(await visitForReport(t.db, anouk, homeBooking, BOOKED_AT)).toBeNull();
		const visit = await visitForReport(t.db, anouk, homeBooking, AFTER_VISITS);
		expect(visit?.children[0]?.name).toBe('Emre Yılmaz');
		expect(visit?.guardians).toEqual(['Ayşe Yılmaz']);
		expect(visit?.talkingPoints).toEqual(['Kennismaken', 'Welbevinden']);
		expect(await visitForReport(t.db, other, homeBooking, AFTER_VISITS)).toBeNull();
		expect(await visitForReport(t.db, careCoordinator, homeBooking, AFTER_VISITS)).not.toBeNull();
		expect(await visitForReport(t.db, admin, homeBooking, AFTER_VISITS)).not.toBeNull();
		expect(await visitForReport(t.db, anouk, 'not-an-id', AFTER_VISITS)).toBeNull();
		const otherSchool = { ...admin, schoolId: (await makeSchool(t.db)).id };
		expect(await visitForReport(t.db, otherSchool, homeBooking, AFTER_VISITS)).toBeNull();
	});

	it('refuses a report that is too long or names people the form did not offer, and keeps what was typed', async () => {
		const allowed = { staffIds: [anouk.id, other.id], parents: ['Ayşe Yılmaz'] };
		const tooLong = readReportForm(
			reportForm({
				held: 'yes',
				date: '2026-10-28',
				time: '16:00',
				staff: [admin.id],
				parent: ['Iemand anders'],
				mainPoints: 'x'.repeat(4001)
			}),
			allowed,
			AMS
		);
		expect(tooLong.ok).toBe(false);
		if (tooLong.ok) return;
		expect(tooLong.errors).toEqual({
			staff: 'reports.errors.staff',
			mainPoints: 'reports.errors.main_points_too_long'
		});
		expect(tooLong.values.parentsPresent).toEqual([]);
		expect(tooLong.values.mainPoints).toHaveLength(4001);
		const notHeld = readReportForm(
			reportForm({ held: 'no', date: '2026-10-28', time: '25:00', staff: [anouk.id] }),
			allowed,
			AMS
		);
		expect(notHeld.ok ? {} : notHeld.errors).toEqual({
			notHeldReason: 'reports.errors.not_held_reason',
			when: 'reports.errors.when'
		});
	});

	it('writes one report per visit, logs every write, and exports it for the pupil file', async () => {
		await makeRound();
		const id = await writeReport();
		expect(
			await writeReport({ ...REPORT, followUp: 'none' }, new Date(AFTER_VISITS.getTime() + 60_000))
		).toBe(id);
		expect(await t.db.select().from(visitReport)).toHaveLength(1);
		const actions = (
			await t.db
				.select({ action: auditEvent.action })
				.from(auditEvent)
				.where(eq(auditEvent.subjectId, id))
		).map((a) => a.action);
		expect(actions).toEqual(['report.written', 'report.updated']);
		// The first save asked the care coordinator to follow up: she got one mail, without the child's name.
		const mails = await t.db.select().from(outbox).where(eq(outbox.kind, 'report_follow_up'));
		expect(mails.map((m) => m.toName)).toEqual(['Samira Ouali']);
		const composed = composeMessage(
			{ ...asMessage(mails[0]!), language: 'nl' },
			{
				origin: new URL('https://hb.example'),
				organizer: { name: 'School', email: 'hb@school.example' }
			}
		);
		expect(composed!.subject).toMatch(
			/^Vervolg gevraagd na een huisbezoek van woensdag 28 oktober\D*16:05$/
		);
		expect(composed!.text).toContain('Anouk Visser vraagt u om vervolg na een huisbezoek');
		expect(composed!.text).toContain(`https://hb.example/staff/reports/${homeBooking}`);
		expect(composed!.text).not.toContain('Emre');

		// Jeroen went along: he can now read it; the list shows it written.
		expect(await visitForReport(t.db, other, homeBooking, AFTER_VISITS)).not.toBeNull();
		const list = await visitsToReport(t.db, anouk, AFTER_VISITS);
		expect(list.map((v) => v.reportId !== null)).toEqual([false, true]);

		const { t: tr } = translatorFor('nl');
		const rows = await reportsForGroup(t.db, anouk, roundId, groupId);
		expect(rows).toHaveLength(1);
		const csv = reportsCsv(rows, tr, AMS);
		expect(csv.startsWith('\uFEFFLeerlingnummer;')).toBe(true);
		expect(csv).toContain('28-10-2026;16:05');
		expect(csv).toContain('Ayşe Yılmaz, Emre (kind), tolk: familielid (أحمد (oom))');
		// A line break and a semicolon stay inside their quoted cell.
		expect(csv).toContain('"Emre slaapt slecht; Gökhan helpt met huiswerk.\n=SUM(A1)"');
		expect(csv.split('\r\n')).toHaveLength(3);
		expect(textBlock(rows[0]!, tr, AMS)).toContain('Huisbezoek 28-10-2026 om 16:05 (Thuis)');
		expect(
			await reportsForGroup(
				t.db,
				{ ...other, id: admin.id, role: 'teacher', title: 'teacher' },
				roundId,
				groupId
			)
		).toEqual([]);

		// Jeroen leaves the school: a new report cannot name him, this one keeps him on its form.
		await t.db.update(staff).set({ active: false }).where(eq(staff.id, other.id));
		expect((await reportPeople(t.db, schoolId, [])).map((p) => p.name)).not.toContain('Jeroen Bos');
		expect((await reportPeople(t.db, schoolId, [anouk.id, other.id])).map((p) => p.name)).toContain(
			'Jeroen Bos'
		);
		await t.db.update(staff).set({ active: true }).where(eq(staff.id, other.id));
	});

	it("removes a finished round's personal data at the end of the school year, and the evaluation stays the same", async () => {
		// The round is over and its home visit has its report.
		await makeRound();
		await writeReport();
		const before = await liveFigures(t.db, schoolId, roundId, AFTER_VISITS);
		expect(before!.total).toMatchObject({
			invited: 4,
			booked: 2,
			home: 1,
			school: 1,
			declinedHome: 1,
			declined: 1,
			notReached: 1,
			visitsPast: 2,
			reportsWritten: 1,
			held: 1
		});
		expect(before!.reasons).toEqual([
			{ code: 'no_space', count: 1 },
			{ code: 'privacy', count: 1 }
		]);
		expect(before!.interpreters).toEqual([{ language: 'ar', count: 1 }]);

		// The family that never answered asked for its link on the newsletter page: one mail went,
		// one still waits. Neither names a visit; both go with the round.
		const [newsletterRound] = await t.db
			.select({ code: visitRound.newsletterCode })
			.from(visitRound)
			.where(eq(visitRound.id, roundId));
		const round = (await roundByNewsletterCode(t.db, newsletterRound!.code))!;
		const origin = new URL('https://huisbezoek.example');
		for (const day of [BOOKED_AT, AFTER_VISITS])
			expect(
				await requestFamilyLink(
					t.db,
					round,
					`ouder-2-${kind}@families.example`,
					'10.0.0.1',
					origin,
					day
				)
			).toBe('accepted');
		await t.db
			.update(outbox)
			.set({ status: 'sent' })
			.where(and(eq(outbox.kind, 'family_link'), eq(outbox.createdAt, BOOKED_AT)));
		expect(
			await t.db
				.select({ status: outbox.status, familyId: outbox.familyId, roundId: outbox.roundId })
				.from(outbox)
				.where(eq(outbox.kind, 'family_link'))
				.orderBy(outbox.createdAt)
		).toEqual([
			{ status: 'sent', familyId: families[3], roundId },
			{ status: 'pending', familyId: families[3], roundId }
		]);

		// 31 July 2027 is still the school year the round was in: nothing goes.
		expect((await applyRetention(t.db, new Date('2027-07-31T12:00:00Z'))).rounds).toBe(0);
		expect(await t.db.select().from(booking)).toHaveLength(3);

		// Two servers run the job at the same moment: one removes the round, the other finds it done.
		const [run, again] = await Promise.all([
			applyRetention(t.db, new Date('2027-08-01T06:00:00Z')),
			applyRetention(t.db, new Date('2027-08-01T06:00:00Z'))
		]);
		expect([run.rounds, again.rounds].sort()).toEqual([0, 1]);
		expect(run.bookings + again.bookings).toBe(3);
		expect(await t.db.select().from(booking)).toHaveLength(0);
		expect(await t.db.select().from(familyLink)).toHaveLength(0);
		expect(await t.db.select().from(outbox)).toHaveLength(0);
		for (const secret of SECRETS) expect(await placesHolding(t, secret)).toEqual([]);

		const after = await roundFigures(t.db, schoolId, roundId, new Date('2027-08-02T00:00:00Z'));
		expect({ ...after, frozenAt: null }).toEqual(before);
		expect(after!.frozenAt).toBe('2027-08-01T06:00:00.000Z');
		// The report belongs in the pupil file and stays until its own term is over: listed, readable
		// and correctable by those who could before (Anouk wrote it, Jeroen went along, the care
		// coordinator reads all), under its own id now that its booking is gone.
		const [kept] = await t.db.select().from(visitReport);
		expect(kept).toMatchObject({ bookingId: null, mainPoints: expect.stringContaining('Gökhan') });
		const later = new Date('2027-09-01T08:00:00Z');
		for (const reader of [anouk, other, careCoordinator, admin]) {
			const listed = await visitsToReport(t.db, reader, later);
			expect(listed.map((v) => [v.id, v.bookingId, v.reportId])).toEqual([
				[kept!.id, null, kept!.id]
			]);
			const visit = await visitForReport(t.db, reader, kept!.id, later);
			expect(visit?.children[0]?.name).toBe('Emre Yılmaz');
			expect(visit?.report?.mainPoints).toBe(kept!.mainPoints);
		}
		expect(await visitsToReport(t.db, anouk, later, { open: true })).toEqual([]);
		const stranger = who(await makeStaff(t.db, schoolId, { name: 'Pieter de Wit' }));
		expect(await visitsToReport(t.db, stranger, later)).toEqual([]);
		expect(await visitForReport(t.db, stranger, kept!.id, later)).toBeNull();
		const elsewhere = { ...admin, schoolId: (await makeSchool(t.db)).id };
		expect(await visitForReport(t.db, elsewhere, kept!.id, later)).toBeNull();
		// Corrected after the booking went: the same report, updated.
		const visit = (await visitForReport(t.db, anouk, kept!.id, later))!;
		const read = readReportForm(
			reportForm({
				...REPORT,
				mainPoints: 'Bijgewerkt na het schooljaar',
				staff: [anouk.id, other.id]
			}),
			{ staffIds: [anouk.id, other.id], parents: visit.guardians },
			AMS
		);
		if (!read.ok) throw new Error(JSON.stringify(read.errors));
		expect(await saveReport(t.db, anouk, visit, read.value, later)).toBe(kept!.id);
		expect(await t.db.select({ mainPoints: visitReport.mainPoints }).from(visitReport)).toEqual([
			{ mainPoints: 'Bijgewerkt na het schooljaar' }
		]);
		expect((await applyRetention(t.db, new Date('2028-10-29T08:00:00Z'))).reports).toBe(1);
		expect(await placesHolding(t, 'Gökhan')).toEqual([]);
		const log = await t.db
			.select({ action: auditEvent.action, detail: auditEvent.detail })
			.from(auditEvent)
			.where(sql`${auditEvent.action} like 'retention.%'`);
		expect(log).toEqual([
			{
				action: 'retention.round_data_removed',
				// The office's link and the newsletter's newest (housekeeping took the one it replaced).
				detail: { bookings: 3, links: 2, messages: expect.any(Number), waves: 0 }
			},
			{ action: 'retention.reports_removed', detail: { reports: 1 } }
		]);
	});

	it('counts what came of interpreter requests from the round’s own bookings and requests, frozen alike', async () => {
		await makeRound(); // families[1]: Arabic at school, asked for and never arranged
		// Five more of Anouk's families, each booking an evening on 29 October.
		const slots = await createSlots(
			t.db,
			{
				schoolId,
				roundId,
				staffId: anouk.id,
				secondStaffId: null,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times: ['16', '17', '18', '19', '20'].map((h) => at('2026-10-29', `${h}:00`, `${h}:45`))
			},
			AMS,
			BOOKED_AT
		);
		if (!slots.ok) throw new Error('slots');
		const bookWith = async (slotId: string, language: string | null) => {
			const [f] = await t.db
				.insert(family)
				.values({ schoolId, visitingStaffId: anouk.id })
				.returning();
			await t.db.insert(pupil).values({
				schoolId,
				familyId: f!.id,
				groupId,
				pupilNumber: `I-${slotId.slice(0, 8)}`,
				firstName: 'Kind',
				lastName: 'Tolk',
				birthDate: '2020-02-02'
			});
			const booked = await bookVisit(
				t.db,
				schoolId,
				roundId,
				f!.id,
				visitChoice(slotId, { interpreterLanguage: language }),
				parent,
				BOOKED_AT
			);
			if (!booked.ok) throw new Error(booked.problem);
			return { familyId: f!.id, bookingId: booked.bookingId };
		};
		const listed = async (name: string, kind: string, languages: string[], staffId = '') => {
			const added = await addInterpreter(t.db, schoolId, {
				name,
				kind,
				languages,
				phone: '06 1234 5678',
				email: '',
				mailLanguage: 'nl',
				staffId,
				active: true
			});
			if (!added.ok) throw new Error(JSON.stringify(added.errors));
			return added.id;
		};
		const colleague = await listed('Jeroen Bos', 'staff', ['tr'], other.id);
		const volunteer = await listed('Nadia Bennani', 'volunteer', ['ar']);
		const service = await listed('Tolkcentrum Nederland', 'service', ['pl', 'tr']);
		const arrange = async (bookingId: string, interpreterId: string) => {
			const [request] = await t.db
				.select({ id: interpreterRequest.id })
				.from(interpreterRequest)
				.where(eq(interpreterRequest.bookingId, bookingId));
			const done = await arrangeInterpreter(
				t.db,
				admin,
				request!.id,
				{ interpreterId, mode: 'in_person', contactName: '', contactPhone: '' },
				BOOKED_AT
			);
			if (!done.ok) throw new Error(done.problem);
		};
		const turkish = await bookWith(slots.ids[0]!, 'tr');
		await arrange(turkish.bookingId, colleague);
		const arabic = await bookWith(slots.ids[1]!, 'ar');
		await arrange(arabic.bookingId, volunteer);
		const polish = await bookWith(slots.ids[2]!, 'pl');
		await arrange(polish.bookingId, service);
		const own = await bookWith(slots.ids[3]!, null);
		await t.db
			.update(booking)
			.set({ ownInterpreterLanguage: 'ti' })
			.where(eq(booking.id, own.bookingId));
		// Arranged, then the family cancels: its request is withdrawn and counts nowhere.
		const gone = await bookWith(slots.ids[4]!, 'tr');
		await arrange(gone.bookingId, service);
		expect((await cancelAnswer(t.db, schoolId, roundId, gone.familyId, parent, BOOKED_AT)).ok).toBe(
			true
		);
		// Another round's arranged interpreter is that round's.
		const elsewhere = await makeFamilyInRound(t.db, schoolId, anouk.id);
		expect(elsewhere.round.id).not.toBe(roundId);
		// Today's list changes after the fact: the volunteer retires, the colleague leaves.
		await t.db.update(interpreter).set({ active: false }).where(eq(interpreter.id, volunteer));
		await t.db.update(staff).set({ active: false }).where(eq(staff.id, other.id));

		const figures = await liveFigures(t.db, schoolId, roundId, AFTER_VISITS);
		expect(figures!.interpreting).toEqual({
			staff: 1,
			volunteer: 1,
			service: 1,
			notArranged: 1,
			own: 1
		});
		// The same counted independently, straight from the round's bookings and requests.
		const [independent] = rowsOf<Record<string, number | string>>(
			await t.db.execute(sql`
				select
					count(*) filter (where i.kind = 'staff') as staff,
					count(*) filter (where i.kind = 'volunteer') as volunteer,
					count(*) filter (where i.kind = 'service') as service,
					count(*) filter (where b.interpreter_language is not null and i.id is null) as not_arranged,
					count(*) filter (where b.own_interpreter_language is not null) as own
				from booking b
				left join interpreter_request r on r.booking_id = b.id and r.status = 'arranged'
				left join interpreter i on i.id = r.interpreter_id
				where b.round_id = ${roundId} and b.status = 'booked'`)
		);
		expect(figures!.interpreting).toEqual({
			staff: Number(independent!.staff),
			volunteer: Number(independent!.volunteer),
			service: Number(independent!.service),
			notArranged: Number(independent!.not_arranged),
			own: Number(independent!.own)
		});
		// The per-language count of requests is unchanged: asked for, whatever came of it.
		expect(figures!.interpreters).toEqual([
			{ language: 'ar', count: 2 },
			{ language: 'pl', count: 1 },
			{ language: 'tr', count: 1 }
		]);

		// The round's data goes at the end of the school year; the frozen figures keep the counts.
		await applyRetention(t.db, new Date('2027-08-01T06:00:00Z'));
		expect(await t.db.select().from(interpreterRequest)).toEqual(
			expect.not.arrayContaining([expect.objectContaining({ bookingId: turkish.bookingId })])
		);
		const frozen = await roundFigures(t.db, schoolId, roundId, new Date('2027-08-02T00:00:00Z'));
		expect(frozen!.frozenAt).not.toBeNull();
		expect(frozen!.interpreting).toEqual(figures!.interpreting);
	});

	it('cleans up expired sessions and old mail, and keeps what is still in use', async () => {
		const now = new Date('2028-11-01T00:00:00Z');
		await t.db.insert(staffSession).values([
			{
				id: `old-${kind}`,
				staffId: anouk.id,
				secretHash: new Uint8Array(32),
				expiresAt: new Date(now.getTime() - 1000)
			},
			{
				id: `new-${kind}`,
				staffId: anouk.id,
				secretHash: new Uint8Array(32),
				expiresAt: new Date(now.getTime() + 86_400_000)
			}
		]);
		await t.db.insert(outbox).values([
			{
				schoolId,
				kind: 'family_link',
				toAddress: 'oud@families.example',
				payload: {} as never,
				status: 'sent',
				createdAt: new Date(now.getTime() - 31 * 86_400_000)
			},
			{
				schoolId,
				kind: 'family_link',
				toAddress: 'nieuw@families.example',
				payload: {} as never,
				status: 'sent',
				createdAt: new Date(now.getTime() - 86_400_000)
			},
			{
				schoolId,
				kind: 'family_link',
				toAddress: 'wacht@families.example',
				payload: {} as never,
				status: 'pending',
				createdAt: new Date(now.getTime() - 40 * 86_400_000)
			}
		]);
		const run = await applyRetention(t.db, now);
		expect(run.housekeeping).toMatchObject({ sessions: 1, messages: 1 });
		expect(
			(await t.db.select({ id: staffSession.id }).from(staffSession)).map((s) => s.id)
		).toEqual([`new-${kind}`]);
		expect(
			(await t.db.select({ to: outbox.toAddress }).from(outbox)).map((o) => o.to).sort()
		).toEqual(['nieuw@families.example', 'wacht@families.example']);
	});

	it("exports a family's data as JSON and erases it on request, touching no other family", async () => {
		await makeRound();
		const data = await exportFamily(
			t.db,
			schoolId,
			families[1]!,
			admin.id,
			new Date('2028-11-02T00:00:00Z')
		);
		expect(data!.guardians).toMatchObject([
			{ name: 'Ouder 0', email: `ouder-0-${kind}@families.example` }
		]);
		expect(data!.pupils).toMatchObject([{ pupil_number: 'N0' }]);
		expect(JSON.stringify(data)).not.toContain('token_hash');
		expect(
			await exportFamily(t.db, (await makeSchool(t.db)).id, families[1]!, admin.id, new Date())
		).toBeNull();

		// A parent with children in two households: the same address is a guardian of family 3 too,
		// which asked for its link on the newsletter page. That mail is family 3's, not family 1's.
		const shared = `ouder-0-${kind}@families.example`;
		await t.db.update(guardian).set({ email: shared }).where(eq(guardian.familyId, families[3]!));
		const [code] = await t.db
			.select({ code: visitRound.newsletterCode })
			.from(visitRound)
			.where(eq(visitRound.id, roundId));
		const round = (await roundByNewsletterCode(t.db, code!.code))!;
		const origin = new URL('https://huisbezoek.example');
		await requestFamilyLink(t.db, round, shared, '10.0.0.1', origin, BOOKED_AT);
		const linkMails = () =>
			t.db.select({ familyId: outbox.familyId }).from(outbox).where(eq(outbox.kind, 'family_link'));
		// One mail per family that has the address: families 1 and 3.
		expect((await linkMails()).map((m) => m.familyId).sort()).toEqual(
			[families[1]!, families[3]!].sort()
		);
		const exported = await exportFamily(t.db, schoolId, families[3]!, admin.id, BOOKED_AT);
		expect(exported!.messages.map((m) => m.kind)).toEqual(['family_link']);

		const removed = await eraseFamily(t.db, schoolId, families[1]!, admin.id);
		expect(removed).toMatchObject({ children: 1, guardians: 1 });
		expect(await linkMails()).toEqual([{ familyId: families[3]! }]);
		// The address stays only where it is family 3's: its guardian, and its mail.
		expect((await placesHolding(t, `ouder-0-${kind}@families.example`)).sort()).toEqual([
			'guardian.email',
			'outbox.to_address'
		]);
		expect(await placesHolding(t, 'Kind0')).toEqual([]);
		expect(await t.db.select().from(family)).toHaveLength(3);
		const [audit] = await t.db
			.select()
			.from(auditEvent)
			.where(eq(auditEvent.action, 'family.erased'));
		expect(audit!.detail).toMatchObject({ children: 1, guardians: 1 });
	});
});

/** Every text, jsonb or array column in the database that still holds `needle`. */
async function placesHolding(t: TestDatabase, needle: string): Promise<string[]> {
	const columns = rowsOf<{ table_name: string; column_name: string }>(
		await t.db.execute(sql`select table_name, column_name from information_schema.columns
			where table_schema = 'public' and data_type in ('text', 'jsonb', 'ARRAY') and table_name <> '__drizzle_migrations'`)
	);
	const found: string[] = [];
	for (const c of columns) {
		const [row] = rowsOf<{ n: number | string }>(
			await t.db.execute(
				sql`select count(*) as n from ${sql.identifier(c.table_name)} where ${sql.identifier(c.column_name)}::text like ${`%${needle}%`}`
			)
		);
		if (Number(row?.n) > 0) found.push(`${c.table_name}.${c.column_name}`);
	}
	return found;
}
