/** What a family sees on its own page: its children, who visits, what the visit is about, and its answer. */
import { and, eq, sql } from 'drizzle-orm';
import { jsonOf, type Database } from '../db';
import { family, school, staff, visitRound } from '../db/schema';
import { familyAnswers, type FamilyAnswer } from './overview';
import { formatAddress } from '../../format';
import { arrangedForFamily, type ArrangedForFamily } from '../interpreters/for-family';

export interface FamilyPage {
	schoolId: string;
	schoolName: string;
	schoolPhone: string;
	schoolAddress: string;
	/** The school's time zone: the visit's times are on its clock. */
	timeZone: string;
	language: string;
	/** The family's own address, shown only to the family so it can confirm or correct it. */
	address: string;
	children: { firstName: string; group: string | null }[];
	visitingStaffId: string | null;
	teacher: string | null;
	round: {
		id: string;
		name: string;
		startsOn: string;
		endsOn: string;
		visitMinutes: number;
		opensAt: Date;
		closesAt: Date;
		deadlineHours: number;
	};
	talkingPoints: string[];
	/** The family's answer, without what staff noted about it. */
	answer: Omit<FamilyAnswer, 'staffNote'> | null;
	/** The interpreter the school arranged for the answer's visit, as the family may know it. */
	interpreterArranged: ArrangedForFamily | null;
}

const withoutStaffNote = ({ staffNote: _, ...answer }: FamilyAnswer) => answer;

export async function familyPage(
	db: Database,
	familyId: string,
	roundId: string
): Promise<FamilyPage | null> {
	const [head] = await db
		.select({
			schoolId: school.id,
			schoolName: school.name,
			schoolPhone: school.phone,
			schoolStreet: school.street,
			schoolPostalCode: school.postalCode,
			schoolCity: school.city,
			timeZone: school.timeZone,
			language: family.language,
			street: family.street,
			postalCode: family.postalCode,
			city: family.city,
			visitingStaffId: family.visitingStaffId,
			teacher: staff.name,
			round: {
				id: visitRound.id,
				name: visitRound.name,
				startsOn: visitRound.startsOn,
				endsOn: visitRound.endsOn,
				visitMinutes: visitRound.visitMinutes,
				opensAt: visitRound.bookingOpensAt,
				closesAt: visitRound.bookingClosesAt,
				deadlineHours: visitRound.changeDeadlineHours
			},
			newPupilTalkingPoints: visitRound.newPupilTalkingPoints,
			// The children in the same query (one round trip less), eldest first as before.
			children: sql<unknown>`(
				select json_agg(json_build_object('firstName', p.first_name, 'group', g.name,
					'talkingPoints', vrg.talking_points) order by p.birth_date)
				from pupil p
				left join school_group g on g.id = p.group_id
				left join visit_round_group vrg on vrg.group_id = p.group_id and vrg.round_id = ${roundId}
				where p.family_id = ${family.id})`
		})
		.from(family)
		.innerJoin(school, eq(school.id, family.schoolId))
		// The round must be the family's own school's: a token never crosses schools.
		.innerJoin(
			visitRound,
			and(eq(visitRound.id, roundId), eq(visitRound.schoolId, family.schoolId))
		)
		.leftJoin(staff, eq(staff.id, family.visitingStaffId))
		.where(eq(family.id, familyId));
	if (!head) return null;

	const children =
		jsonOf<{ firstName: string; group: string | null; talkingPoints: string | null }[]>(
			head.children
		) ?? [];
	const [answer] = await familyAnswers(db, head.schoolId, roundId, { staffId: null, familyId });

	// The visit is about the oldest child in the round; that is whose teacher comes.
	const points = children.find((c) => c.talkingPoints)?.talkingPoints ?? head.newPupilTalkingPoints;
	return {
		schoolId: head.schoolId,
		schoolName: head.schoolName,
		schoolPhone: head.schoolPhone,
		schoolAddress: formatAddress(head.schoolStreet, head.schoolPostalCode, head.schoolCity),
		timeZone: head.timeZone,
		language: head.language,
		address: formatAddress(head.street, head.postalCode, head.city),
		children: children.map((c) => ({ firstName: c.firstName, group: c.group })),
		visitingStaffId: head.visitingStaffId,
		teacher: head.teacher,
		round: head.round,
		talkingPoints: points
			.split('\n')
			.map((p) => p.trim())
			.filter(Boolean),
		answer: answer && answer.status !== 'open' ? withoutStaffNote(answer) : null,
		interpreterArranged:
			answer?.bookingId && answer.status === 'booked' && answer.interpreterLanguage
				? await arrangedForFamily(db, answer.bookingId)
				: null
	};
}
