/**
 * The access policy where it meets the database: every query that finds a family, a slot or a
 * report for a staff member answers as policy.ts decides, for each kind of person, for their own
 * and for someone else's, including the SQL conditions of the report lists and the export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { family, guardian, pupil, staff, visitReport } from '../../src/lib/server/db/schema';
import { createSlots } from '../../src/lib/server/slots/create';
import { bookVisit } from '../../src/lib/server/booking/answer';
import { familyForStaff } from '../../src/lib/server/booking/choices';
import { slotForChange } from '../../src/lib/server/slots/week';
import { visitForReport } from '../../src/lib/server/reports/visit';
import { visitsToReport } from '../../src/lib/server/reports/list';
import { reportsForGroup } from '../../src/lib/server/reports/export';
import {
	mayActForFamily,
	mayChangeSlot,
	mayReadReport,
	mayViewFamily,
	type Viewer
} from '../../src/lib/server/auth/policy';
import { visitChoice, wallTimes } from '../support/visits';

const AMS = 'Europe/Amsterdam';
const BOOKED_AT = new Date('2026-10-15T08:00:00Z');
const AFTER_VISITS = new Date('2026-10-29T08:00:00Z');
const at = (date: string, from: string, to: string) => wallTimes(date, from, to, AMS);
const atHome = (slotId: string) => visitChoice(slotId);

describe.each(databaseKinds)('the access policy on %s', (kind) => {
	let t: TestDatabase;
	const people: Record<string, Viewer> = {};
	let schoolId: string;
	let roundId: string;
	let groupId: string;
	const own = { familyId: '', slotId: '', bookingId: '' };
	const others = { familyId: '', slotId: '', bookingId: '' };

	beforeAll(async () => {
		t = await freshDatabase(kind);
		schoolId = (await makeSchool(t.db)).id;
		const person = async (
			key: string,
			role: 'admin' | 'teacher',
			title: string,
			school = schoolId
		) => {
			const row = await makeStaff(t.db, school, { role, name: key });
			await t.db
				.update(staff)
				.set({ title: title as 'teacher' })
				.where(eq(staff.id, row.id));
			people[key] = { id: row.id, schoolId: school, role, title };
		};
		await person('office', 'admin', 'office');
		await person('careCoordinator', 'teacher', 'care_coordinator');
		await person('teacher', 'teacher', 'teacher');
		await person('second', 'teacher', 'intern');
		await person('colleague', 'teacher', 'teacher');
		await person('otherSchool', 'admin', 'office', (await makeSchool(t.db)).id);

		const made = await makeFamilyInRound(t.db, schoolId, people.teacher!.id);
		roundId = made.round.id;
		groupId = made.group.id;
		own.familyId = made.family.id;
		const [f] = await t.db
			.insert(family)
			.values({ schoolId, visitingStaffId: people.colleague!.id })
			.returning({ id: family.id });
		await t.db
			.insert(guardian)
			.values({ familyId: f!.id, name: 'Ouder', email: `ouder-${kind}@families.example` });
		await t.db.insert(pupil).values({
			schoolId,
			familyId: f!.id,
			groupId,
			pupilNumber: 'AP2',
			firstName: 'Kind',
			lastName: 'Twee',
			birthDate: '2020-02-02'
		});
		others.familyId = f!.id;

		const mine = await createSlots(
			t.db,
			{
				schoolId,
				roundId,
				staffId: people.teacher!.id,
				secondStaffId: people.second!.id,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times: [at('2026-10-28', '16:00', '16:45')]
			},
			AMS,
			BOOKED_AT
		);
		const theirs = await createSlots(
			t.db,
			{
				schoolId,
				roundId,
				staffId: people.colleague!.id,
				secondStaffId: null,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times: [at('2026-10-28', '16:00', '16:45')]
			},
			AMS,
			BOOKED_AT
		);
		if (!mine.ok || !theirs.ok) throw new Error('slots');
		own.slotId = mine.ids[0]!;
		others.slotId = theirs.ids[0]!;
		for (const [side, slotId] of [
			[own, own.slotId],
			[others, others.slotId]
		] as const) {
			const booked = await bookVisit(
				t.db,
				schoolId,
				roundId,
				side.familyId,
				atHome(slotId),
				{ kind: 'parent' },
				BOOKED_AT
			);
			if (!booked.ok) throw new Error(booked.problem);
			side.bookingId = booked.bookingId;
		}
		// Reports for both visits; the colleague's names only the colleague.
		for (const side of [own, others]) {
			const writer = side === own ? people.teacher! : people.colleague!;
			await t.db.insert(visitReport).values({
				schoolId,
				roundId,
				bookingId: side.bookingId,
				familyId: side.familyId,
				held: true,
				heldAt: AFTER_VISITS,
				location: 'home',
				staffIds: [writer.id],
				parentsPresent: [],
				mainPoints: 'Kennismaken',
				followUp: 'none',
				writtenBy: writer.id,
				createdAt: AFTER_VISITS,
				updatedAt: AFTER_VISITS
			});
		}
	});
	afterAll(() => t?.dispose());

	const refs = () => ({
		ownFamily: { schoolId, visitingStaffId: people.teacher!.id, goingAlong: [people.second!.id] },
		otherFamily: { schoolId, visitingStaffId: people.colleague!.id, goingAlong: [] },
		ownReport: {
			schoolId,
			slotStaffIds: [people.teacher!.id, people.second!.id],
			reportStaffIds: [people.teacher!.id]
		},
		otherReport: {
			schoolId,
			slotStaffIds: [people.colleague!.id],
			reportStaffIds: [people.colleague!.id]
		}
	});

	it.each(['office', 'careCoordinator', 'teacher', 'second', 'colleague', 'otherSchool'])(
		'finds for %s exactly what the policy allows',
		async (who) => {
			const me = people[who]!;
			const r = refs();
			for (const [side, ref] of [
				[own, r.ownFamily],
				[others, r.otherFamily]
			] as const) {
				const found = await familyForStaff(t.db, me, side.familyId);
				expect(Boolean(found), `${who} sees family`).toBe(mayViewFamily(me, ref));
				if (found) expect(found.mayAct, `${who} acts for family`).toBe(mayActForFamily(me, ref));
			}
			for (const [side, staffId] of [
				[own, people.teacher!.id],
				[others, people.colleague!.id]
			] as const) {
				expect(Boolean(await slotForChange(t.db, me, side.slotId)), `${who} changes slot`).toBe(
					mayChangeSlot(me, { schoolId, staffId })
				);
			}
			const listed = (await visitsToReport(t.db, me, AFTER_VISITS)).map((v) => v.bookingId);
			const exported = (await reportsForGroup(t.db, me, roundId, groupId)).map(
				(p) => p.pupilNumber
			);
			for (const [side, ref] of [
				[own, r.ownReport],
				[others, r.otherReport]
			] as const) {
				const allowed = mayReadReport(me, ref);
				expect(
					Boolean(await visitForReport(t.db, me, side.bookingId, AFTER_VISITS)),
					`${who} opens report`
				).toBe(allowed);
				expect(listed.includes(side.bookingId), `${who} lists report`).toBe(allowed);
				const pupilNumber =
					side === own
						? (
								await t.db
									.select({ n: pupil.pupilNumber })
									.from(pupil)
									.where(eq(pupil.familyId, own.familyId))
							)[0]!.n
						: 'AP2';
				expect(exported.includes(pupilNumber), `${who} exports report`).toBe(allowed);
			}
		}
	);
});
