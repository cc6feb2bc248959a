/** What a family sees on its own page: its children, who visits, and what the visit is about. */
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { family, group, pupil, school, staff, visitRound, visitRoundGroup } from '../db/schema';

export interface FamilyPage {
	schoolName: string;
	schoolPhone: string;
	language: string;
	children: { firstName: string; group: string | null }[];
	teacher: string | null;
	round: { name: string; startsOn: string; endsOn: string; visitMinutes: number };
	talkingPoints: string[];
}

export async function familyPage(db: Database, familyId: string, roundId: string): Promise<FamilyPage | null> {
	const [head] = await db
		.select({
			schoolName: school.name,
			schoolPhone: school.phone,
			language: family.language,
			teacher: staff.name,
			roundName: visitRound.name,
			startsOn: visitRound.startsOn,
			endsOn: visitRound.endsOn,
			visitMinutes: visitRound.visitMinutes
		})
		.from(family)
		.innerJoin(school, eq(school.id, family.schoolId))
		// The round must be the family's own school's: a token never crosses schools.
		.innerJoin(visitRound, and(eq(visitRound.id, roundId), eq(visitRound.schoolId, family.schoolId)))
		.leftJoin(staff, eq(staff.id, family.visitingStaffId))
		.where(eq(family.id, familyId));
	if (!head) return null;

	const children = await db
		.select({ firstName: pupil.firstName, group: group.name, groupId: group.id, talkingPoints: visitRoundGroup.talkingPoints })
		.from(pupil)
		.leftJoin(group, eq(group.id, pupil.groupId))
		.leftJoin(visitRoundGroup, and(eq(visitRoundGroup.groupId, pupil.groupId), eq(visitRoundGroup.roundId, roundId)))
		.where(eq(pupil.familyId, familyId))
		.orderBy(asc(pupil.birthDate));

	// The visit is about the oldest child in the round; that is whose teacher comes.
	const points = children.find((c) => c.talkingPoints)?.talkingPoints ?? '';
	return {
		schoolName: head.schoolName,
		schoolPhone: head.schoolPhone,
		language: head.language,
		children: children.map((c) => ({ firstName: c.firstName, group: c.group })),
		teacher: head.teacher,
		round: { name: head.roundName, startsOn: head.startsOn, endsOn: head.endsOn, visitMinutes: head.visitMinutes },
		talkingPoints: points.split('\n').map((p) => p.trim()).filter(Boolean)
	};
}
