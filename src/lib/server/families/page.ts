/** What a family sees on its own page: its children, who visits, what the visit is about, and its answer. */
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { jsonOf, type Database } from '../db';
import { preparedQuery } from '../db/prepared';
import { family, familyLink, school, staff, visitRound } from '../db/schema';
import { isUuid } from '../forms';
import type { OpenRequest } from '../requests/ask';
import { hashToken, looksLikeToken } from '../auth/token';
import { FAMILY_TOKEN_BYTES, type OpenedLink } from './links';
import type { FamilyAnswer } from './overview';
import { formatAddress } from '../../format';
import { arrangedForFamily, type ArrangedForFamily } from '../interpreters/for-family';
import { inDutch, type InReadersWords, type Worded } from '../school/words';
import { openSlotsJson, openSlotsOfJson, type OpenSlot } from '../booking/choices';

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
	/** In the reader's words where the school or the portal translated them, else in Dutch. */
	talkingPoints: Worded[];
	/** The neutral place of the family's visit, in the reader's words as above. */
	placeName: Worded | null;
	/** The family's answer, without what staff noted about it. */
	answer: OwnAnswer | null;
	/** The interpreter the school arranged for the answer's visit, as the family may know it. */
	interpreterArranged: ArrangedForFamily | null;
	/** The family's open requests in the round (call me, another time), by kind. */
	requests: OpenRequest[];
}

/**
 * A family's answer as its own pages show it: the staff overview's row (FamilyAnswer) without
 * the staff's note and without what the page has already (children, talking points).
 */
export type OwnAnswer = Omit<
	FamilyAnswer,
	'familyId' | 'staffNote' | 'children' | 'talkingPoints' | 'hasEmail' | 'teacher'
> & { bookingId: string; status: 'booked' | 'declined' };

/**
 * The head of a family's page: its school, address, visiting teacher, the round, and its
 * children (in the same query: one round trip, eldest first). The round is joined by the caller.
 */
const headColumns = {
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
	children: sql<unknown>`(
		select json_agg(json_build_object('firstName', p.first_name, 'group', g.name,
			'talkingPoints', vrg.talking_points) order by p.birth_date)
		from pupil p
		left join school_group g on g.id = p.group_id
		left join visit_round_group vrg on vrg.group_id = p.group_id and vrg.round_id = ${visitRound.id}
		where p.family_id = ${family.id})`,
	/**
	 * The family's answer in the round (at most one that is not cancelled: a unique index), as its
	 * own pages show it, as JSON in the head's own query: a family's page, the one parents open
	 * most, then needs no query of its own for it. A scalar subquery, not four more joins: PGlite
	 * plans every statement anew, and with the joins in the head's join tree that cost every
	 * request on a family's pages 1.3 ms there. The partial index's condition is written
	 * out (db/partial.ts).
	 */
	answer: sql<unknown>`(
		select json_build_object('id', b.id, 'sequence', b.sequence, 'slotId', b.slot_id,
			'placeId', b.neutral_place_id, 'visitAddress', b.visit_address, 'status', b.status,
			'location', b.location, 'interpreterLanguage', b.interpreter_language,
			'ownInterpreterLanguage', b.own_interpreter_language, 'questions', b.parent_questions,
			'notHomeReason', b.not_home_reason, 'notHomeReasonText', b.not_home_reason_text,
			'familyNotice', b.family_notice, 'startsAt', s.starts_at, 'endsAt', s.ends_at,
			'secondStaff', s2.name, 'placeName', np.name, 'placeAddress', np.address)
		from booking b
		left join slot s on s.id = b.slot_id
		left join staff s2 on s2.id = s.second_staff_id
		left join neutral_place np on np.id = b.neutral_place_id
		where b.family_id = ${family.id} and b.round_id = ${visitRound.id}
			and b.status <> 'cancelled')`,
	/**
	 * The family's open requests in the round (call me, another time), as openRequestsOf gives
	 * them, for the family's page and the two request pages: the same reasoning as the answer.
	 */
	requests: sql<unknown>`(
		select json_agg(json_build_object('kind', r.kind, 'days', r.days, 'parts', r.parts,
			'note', r.note, 'phone', r.phone, 'askedAt', r.created_at) order by r.kind)
		from family_request r
		where r.family_id = ${family.id} and r.round_id = ${visitRound.id}
			and r.school_id = ${family.schoolId} and r.status = 'open')`
};

/** The head row of the family's page in its own round (familyHeadOf). */
const headOf = preparedQuery((db) =>
	db
		.select(headColumns)
		.from(family)
		.innerJoin(school, eq(school.id, family.schoolId))
		// The round must be the family's own school's: a token never crosses schools.
		.innerJoin(
			visitRound,
			and(eq(visitRound.id, sql.placeholder('roundId')), eq(visitRound.schoolId, family.schoolId))
		)
		.leftJoin(staff, eq(staff.id, family.visitingStaffId))
		.where(eq(family.id, sql.placeholder('familyId')))
		.prepare('family_head')
);

export interface FamilyHead {
	familyId: string;
	head: Awaited<ReturnType<ReturnType<typeof headOf>['execute']>>[number];
}

export interface OpenedFamilyLink extends OpenedLink, FamilyHead {
	/** The token's hash the link was found by. */
	tokenHash: Uint8Array;
	/** The times open to the family, when the link was opened for them (openFamilyLink). */
	openSlots: OpenSlot[] | null;
}

/**
 * GET and HEAD change nothing: the head the hook opened is the page's own. Any other request
 * runs a form's action first, so its page reads the head again (familyHeadOf), and the hook
 * leaves out what only a page shows (the answer and the requests).
 */
export const showsOpenedHead = (method: string) => method === 'GET' || method === 'HEAD';

/**
 * What a family's token opens, with the head of its page, in one query: the hook needs the
 * family's language before the page loads, and the page then needs one round trip fewer.
 * For a form's request (not showsOpenedHead) without the answer and the requests: a booking's
 * POST would build them for nothing. With `openSlotsAt` (a GET of the choose-a-time page), the
 * times open to the family at that moment too (openSlots), else `openSlots` is null. Null for
 * anything unknown, revoked or malformed (as resolveFamilyLink).
 */
export async function openFamilyLink(
	db: Database,
	token: string,
	method = 'GET',
	openSlotsAt: Date | null = null
): Promise<OpenedFamilyLink | null> {
	if (!looksLikeToken(token, FAMILY_TOKEN_BYTES)) return null;
	const shows = showsOpenedHead(method);
	const query = !shows ? linkForAction : openSlotsAt ? linkWithOpenSlots : linkWithHead;
	const tokenHash = hashToken(token);
	const [row] = await query(db).execute({
		tokenHash,
		now: openSlotsAt?.toISOString() ?? null
	});
	if (!row) return null;
	const { familyId, openSlots, ...head } = row;
	return {
		familyId,
		roundId: head.round.id,
		schoolId: head.schoolId,
		language: head.language,
		head,
		tokenHash,
		openSlots: shows && openSlotsAt ? openSlotsOfJson(openSlots) : null
	};
}

/** The family link and its page's head, with the given columns, as one prepared statement. */
const linkWith = (columns: (db: Database) => LinkColumns, name: string) =>
	preparedQuery((db) =>
		db
			.select({ familyId: familyLink.familyId, ...columns(db) })
			.from(familyLink)
			.innerJoin(family, eq(family.id, familyLink.familyId))
			// A link never crosses schools, even if a row were ever mixed up.
			.innerJoin(
				visitRound,
				and(eq(visitRound.id, familyLink.roundId), eq(visitRound.schoolId, family.schoolId))
			)
			.innerJoin(school, eq(school.id, family.schoolId))
			.leftJoin(staff, eq(staff.id, family.visitingStaffId))
			.where(
				and(eq(familyLink.tokenHash, sql.placeholder('tokenHash')), isNull(familyLink.revokedAt))
			)
			.prepare(name)
	);

type LinkColumns = typeof headColumns & { openSlots: SQL<unknown> };

/** Every page of a family opens it (hooks; exported for its plan's test). */
export const linkWithHead = linkWith(
	() => ({ ...headColumns, openSlots: sql<unknown>`null` }),
	'family_link_with_head'
);

/**
 * The choose-a-time page opens it with the times it offers (openSlots), in the same query: the
 * page's one query, where it took two. The family's own booked time is offered too. (Exported
 * for its plan's test.)
 */
export const linkWithOpenSlots = linkWith(
	(db) => ({
		...headColumns,
		openSlots: openSlotsJson(db, {
			roundId: visitRound.id,
			schoolId: family.schoolId,
			staffId: family.visitingStaffId,
			familyId: family.id,
			// The family's answer (one at most: the partial index it is found through) if booked.
			ownSlotId: sql`(select case when b.status = 'booked' then b.slot_id end from booking b
				where b.family_id = ${family.id} and b.round_id = ${visitRound.id}
				and b.status <> 'cancelled')`,
			now: sql.placeholder('now'),
			deadlineHours: visitRound.changeDeadlineHours
		})
	}),
	'family_link_with_open_slots'
);

/** A form's request opens it: the same head, the answer, the requests and the times left null. */
const linkForAction = linkWith(
	() => ({
		...headColumns,
		answer: sql<unknown>`null`,
		requests: sql<unknown>`null`,
		openSlots: sql<unknown>`null`
	}),
	'family_link_for_action'
);

/** The head of a family's page as it stands now: for a page shown after a form changed it. */
export async function familyHeadOf(
	db: Database,
	familyId: string,
	roundId: string
): Promise<FamilyHead | null> {
	if (!isUuid(familyId) || !isUuid(roundId)) return null;
	const [head] = await headOf(db).execute({ familyId, roundId });
	return head ? { familyId, head } : null;
}

export async function familyPage(
	db: Database,
	familyId: string,
	roundId: string,
	words: InReadersWords = inDutch
): Promise<FamilyPage | null> {
	const opened = await familyHeadOf(db, familyId, roundId);
	return opened ? familyPageOf(db, opened, words) : null;
}

/**
 * The rest of a family's page, from its head (familyHeadOf, or the link the hook opened), with
 * the school's own words as the reader reads them (school/words.ts; Dutch when not given). It
 * shows the answer as the head read it: after a form's action, read the head again first.
 */
export async function familyPageOf(
	db: Database,
	{ head }: FamilyHead,
	readersWords: InReadersWords | Promise<InReadersWords> = inDutch
): Promise<FamilyPage> {
	const children =
		jsonOf<{ firstName: string; group: string | null; talkingPoints: string | null }[]>(
			head.children
		) ?? [];
	const row = jsonOf<AnswerRow>(head.answer);
	const requests = (jsonOf<(OpenRequest & { askedAt: string })[]>(head.requests) ?? []).map(
		(r) => ({ ...r, askedAt: new Date(r.askedAt) })
	);
	const words = await readersWords;
	const answer = row ? asOwnAnswer(row, head) : null;

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
			.filter(Boolean)
			.map(words),
		placeName: answer?.placeName ? words(answer.placeName) : null,
		answer,
		interpreterArranged:
			answer?.status === 'booked' && answer.interpreterLanguage
				? await arrangedForFamily(db, answer.bookingId)
				: null,
		requests
	};
}

/** The head's answer (headColumns.answer) as JSON gives it: times as text. */
interface AnswerRow {
	id: string;
	sequence: number;
	slotId: string | null;
	placeId: string | null;
	visitAddress: string | null;
	status: 'booked' | 'declined' | 'cancelled';
	location: OwnAnswer['location'];
	interpreterLanguage: string | null;
	ownInterpreterLanguage: string | null;
	questions: string | null;
	notHomeReason: string | null;
	notHomeReasonText: string | null;
	familyNotice: OwnAnswer['familyNotice'];
	startsAt: string | null;
	endsAt: string | null;
	secondStaff: string | null;
	placeName: string | null;
	placeAddress: string | null;
}

function asOwnAnswer(
	a: AnswerRow,
	{ street, postalCode, city }: FamilyHead['head']
): OwnAnswer | null {
	// Never true (the head's answer leaves cancelled answers out); it narrows the status's type.
	if (a.status === 'cancelled') return null;
	return {
		bookingId: a.id,
		sequence: a.sequence,
		slotId: a.slotId,
		placeId: a.placeId,
		visitAddress: a.visitAddress || null,
		status: a.status,
		startsAt: a.startsAt ? new Date(a.startsAt) : null,
		endsAt: a.endsAt ? new Date(a.endsAt) : null,
		location: a.location,
		// As the staff overview writes it (overview.ts), so both name one address alike.
		address: a.visitAddress || [street, postalCode, city].join(' ').trim(),
		placeName: a.placeName,
		placeAddress: a.placeAddress,
		interpreterLanguage: a.interpreterLanguage,
		ownInterpreterLanguage: a.ownInterpreterLanguage,
		questions: a.questions,
		notHomeReason: a.notHomeReason,
		notHomeReasonText: a.notHomeReasonText,
		familyNotice: a.familyNotice,
		secondStaff: a.secondStaff
	};
}
