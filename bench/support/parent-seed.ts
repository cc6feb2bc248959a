/** The school the parent-page benches run against (parent-pages.ts, before-after.ts). */
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db';
import {
	family,
	group,
	groupTeacher,
	guardian,
	pupil,
	school,
	staff,
	visitRound,
	visitRoundGroup
} from '../../src/lib/server/db/schema';
import { createSlots } from '../../src/lib/server/slots/create';
import { issueFamilyLink } from '../../src/lib/server/families/links';
import { renewNewsletterCode } from '../../src/lib/server/families/newsletter';
import { bookVisit } from '../../src/lib/server/booking/answer';
import { fromWallTime } from '../../src/lib/server/time/zone';

/** The bench's business clock: the round is open, its visits ahead. */
export const NOW = new Date('2026-10-05T10:00:00Z');
const ZONE = 'Europe/Amsterdam';
export const OPEN_TIMES = 30;

export interface Seeded {
	/** A family that has not answered yet, whose teacher has 30 open times. */
	chooser: string;
	/** A family with a booked visit at home. */
	booked: string;
	newsletterCode: string;
	/** Each family books its own time: a real booking every time. */
	bookings: { token: string; slotId: string }[];
}

const AFTERNOON = ['13:00', '14:00', '15:00', '16:00'];
// The booking teacher's times fill whole days, so hundreds of bookings stay inside the round.
const ALL_DAY = Array.from({ length: 13 }, (_, i) => `${String(8 + i).padStart(2, '0')}:00`);

/** `count` visits of 45 minutes at `hours` on school days from 19 October on. */
function visitTimes(count: number, hours = AFTERNOON) {
	const times = [];
	for (let day = 0; times.length < count; day++) {
		const date = new Date(Date.parse('2026-10-19') + day * 86_400_000);
		if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
		const iso = date.toISOString().slice(0, 10);
		for (const from of hours) {
			if (times.length === count) break;
			const startsAt = fromWallTime(iso, from, ZONE)!;
			times.push({ startsAt, endsAt: new Date(startsAt.getTime() + 45 * 60_000) });
		}
	}
	return times;
}

/**
 * A school in a running round: a family choosing among 30 open times, a family with a booked
 * visit, the newsletter page, and `bookings` families each with a time of their own to book.
 */
export async function seedParentPages(db: Database, bookings: number): Promise<Seeded> {
	const [s] = await db
		.insert(school)
		.values({ name: 'Basisschool De Bench', city: 'Utrecht', phone: '030 000 0000' })
		.returning();
	const schoolId = s!.id;
	const [round] = await db
		.insert(visitRound)
		.values({
			schoolId,
			name: 'Huisbezoeken najaar',
			startsOn: '2026-10-19',
			endsOn: '2027-06-30',
			bookingOpensAt: new Date('2026-10-01T08:00:00Z'),
			bookingClosesAt: new Date('2027-06-29T16:00:00Z')
		})
		.returning();
	const roundId = round!.id;
	await renewNewsletterCode(db, schoolId, roundId);
	const [{ newsletterCode }] = (await db
		.select({ newsletterCode: visitRound.newsletterCode })
		.from(visitRound)
		.where(eq(visitRound.id, roundId))) as [{ newsletterCode: string }];

	let k = 0;
	async function teacherWithGroup(name: string) {
		const [t] = await db
			.insert(staff)
			.values({ schoolId, email: `${name}@bench.example`, name, role: 'teacher' })
			.returning();
		const [g] = await db
			.insert(group)
			.values({ schoolId, name: `Groep ${name}`, year: 3 })
			.returning();
		await db.insert(groupTeacher).values({ groupId: g!.id, staffId: t!.id });
		await db
			.insert(visitRoundGroup)
			.values({ roundId, groupId: g!.id, talkingPoints: 'Kennismaken' });
		return { teacherId: t!.id, groupId: g!.id };
	}
	async function familyOf(teacher: { teacherId: string; groupId: string }) {
		k++;
		const [f] = await db
			.insert(family)
			.values({
				schoolId,
				street: `Straat ${k}`,
				postalCode: '3500 AB',
				city: 'Utrecht',
				visitingStaffId: teacher.teacherId,
				language: 'nl'
			})
			.returning();
		await db
			.insert(guardian)
			.values({ familyId: f!.id, name: `Ouder ${k}`, email: `ouder${k}@bench.example` });
		await db.insert(pupil).values({
			schoolId,
			familyId: f!.id,
			groupId: teacher.groupId,
			pupilNumber: `P${k}`,
			firstName: `Kind${k}`,
			lastName: 'Bench',
			birthDate: '2020-01-01'
		});
		return { familyId: f!.id, token: await issueFamilyLink(db, f!.id, roundId, NOW) };
	}
	async function slots(teacherId: string, count: number, hours = AFTERNOON) {
		const made = await createSlots(
			db,
			{
				schoolId,
				roundId,
				staffId: teacherId,
				secondStaffId: null,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times: visitTimes(count, hours)
			},
			ZONE,
			NOW
		);
		if (!made.ok) throw new Error(`slots: ${made.reason}`);
		return made.ids;
	}

	// One teacher: 31 times, one of them booked, so the family still choosing sees 30.
	const first = await teacherWithGroup('Leerkracht Een');
	const firstSlots = await slots(first.teacherId, OPEN_TIMES + 1);
	const chooser = await familyOf(first);
	const booked = await familyOf(first);
	const answer = await bookVisit(
		db,
		schoolId,
		roundId,
		booked.familyId,
		{
			slotId: firstSlots[0]!,
			location: 'home',
			neutralPlaceId: null,
			visitAddress: null,
			interpreterLanguage: null,
			ownInterpreterLanguage: null,
			parentQuestions: 'Hoe gaat het in de klas?',
			notHomeReason: null,
			notHomeReasonText: null
		},
		{ kind: 'parent', familyPath: `/f/${booked.token}`, language: 'nl' },
		NOW
	);
	if (!answer.ok) throw new Error(`booking: ${answer.problem}`);

	// Another teacher with a time for each family that books during the bench.
	const second = await teacherWithGroup('Leerkracht Twee');
	const secondSlots = await slots(second.teacherId, bookings, ALL_DAY);
	const families = [];
	for (let i = 0; i < bookings; i++)
		families.push({ token: (await familyOf(second)).token, slotId: secondSlots[i]! });
	return { chooser: chooser.token, booked: booked.token, newsletterCode, bookings: families };
}
