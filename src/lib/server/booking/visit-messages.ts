/**
 * The messages a change to a visit causes, written to the outbox inside the transaction that
 * makes the change: the family (each guardian with an address, in the family's language) and
 * everyone who goes to the visit (in their own language), and the office when an interpreter
 * is asked for. If the change rolls back, so do its messages.
 *
 * Staff hear of a change or a cancellation a few minutes later, and changes to one visit within
 * those minutes reach them as one mail: a family that changes its mind three times in two
 * minutes must not give the teacher three invites.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { jsonObject, jsonOf, type Database } from '../db';
import { keptPerCount, listValues, placeholderList, preparedQuery } from '../db/prepared';
import {
	booking,
	family,
	guardian,
	neutralPlace,
	school,
	slot,
	slotStaff,
	staff,
	visitRound
} from '../db/schema';
import type { Location, ParentVisitPayload, StaffVisitPayload, VisitFacts } from '../mail/payloads';
import { distinctRecipients } from '../mail/address';
import { enqueue, takeWaiting, type Envelope } from '../mail/outbox';
import { inOrder } from '../db/transaction';
import {
	familyChildren,
	familyChildrenJson,
	familyChildrenOfJson
} from '../roster/family-children';
import { formatAddress } from '../../format';
import { syncInterpreterRequest, type VisitPlace } from '../interpreters/requests';
import { arrangedForFamily } from '../interpreters/for-family';

const HOUR = 3_600_000;
/** How long a staff member's change mail waits for a next change to the same visit. */
export const STAFF_CHANGE_DELAY_MS = 5 * 60_000;
const staffVisitKinds = [
	'staff_visit_booked',
	'staff_visit_changed',
	'staff_visit_cancelled'
] as const;
type StaffVisitKind = (typeof staffVisitKinds)[number];

/** Where a visit stood before a change: callers read it before they update the booking. */
export interface VisitState {
	status: 'booked' | 'declined' | 'cancelled';
	startsAt: Date | null;
	endsAt: Date | null;
	staffIds: string[];
	interpreterLanguage: string | null;
	/** Where: an interpreter who comes in person must hear of a new address or place. */
	place: VisitPlace;
}

export async function visitState(tx: Database, bookingId: string): Promise<VisitState | null> {
	const [row] = await tx
		.select({
			status: booking.status,
			slotId: booking.slotId,
			startsAt: slot.startsAt,
			endsAt: slot.endsAt,
			interpreterLanguage: booking.interpreterLanguage,
			location: booking.location,
			visitAddress: booking.visitAddress,
			neutralPlaceId: booking.neutralPlaceId
		})
		.from(booking)
		.leftJoin(slot, eq(slot.id, booking.slotId))
		.where(eq(booking.id, bookingId));
	if (!row) return null;
	const people = row.slotId
		? await tx
				.select({ id: slotStaff.staffId })
				.from(slotStaff)
				.where(eq(slotStaff.slotId, row.slotId))
		: [];
	return {
		status: row.status,
		startsAt: row.startsAt,
		endsAt: row.endsAt,
		staffIds: people.map((p) => p.id),
		interpreterLanguage: row.interpreterLanguage,
		place: {
			location: row.location,
			visitAddress: row.visitAddress,
			neutralPlaceId: row.neutralPlaceId
		}
	};
}

export interface VisitChange {
	/** What happened to the family's answer. */
	event: 'booked' | 'cancelled' | 'declined';
	by: 'family' | 'school';
	before: VisitState | null;
	/** The family's own link path, when the change came through it. */
	familyPath?: string;
	/** The language the parent used on the page: the family's chosen language from now on. */
	language?: string;
	/**
	 * The answer's row was written in this transaction (a family's first answer): no interpreter
	 * request and no waiting mail can name it yet, so there is nothing to look up or merge.
	 */
	created?: boolean;
}

async function facts(tx: Database, bookingId: string) {
	const [row] = await factsQuery(tx).execute({ bookingId });
	return row ?? null;
}

/** What every mail about a visit says beside the booking: its slot, school, round, family, place. */
const visitColumns = {
	slot: {
		startsAt: slot.startsAt,
		endsAt: slot.endsAt,
		staffId: slot.staffId,
		secondStaffId: slot.secondStaffId
	},
	school: {
		name: school.name,
		phone: school.phone,
		street: school.street,
		postalCode: school.postalCode,
		city: school.city,
		timeZone: school.timeZone,
		details: school.staffInviteDetails
	},
	round: { name: visitRound.name, deadlineHours: visitRound.changeDeadlineHours },
	family: {
		language: family.language,
		street: family.street,
		postalCode: family.postalCode,
		city: family.city
	},
	place: { name: neutralPlace.name, address: neutralPlace.address }
};

/** What every mail about a visit says: read in each booking's transaction, so built once. */
const factsQuery = preparedQuery((db) =>
	db
		.select({
			booking: {
				id: booking.id,
				sequence: booking.sequence,
				status: booking.status,
				location: booking.location,
				interpreterLanguage: booking.interpreterLanguage,
				ownInterpreterLanguage: booking.ownInterpreterLanguage,
				familyId: booking.familyId,
				roundId: booking.roundId,
				schoolId: booking.schoolId
			},
			...visitColumns
		})
		.from(booking)
		.innerJoin(school, eq(school.id, booking.schoolId))
		.innerJoin(visitRound, eq(visitRound.id, booking.roundId))
		.innerJoin(family, eq(family.id, booking.familyId))
		.leftJoin(slot, eq(slot.id, booking.slotId))
		.leftJoin(neutralPlace, eq(neutralPlace.id, booking.neutralPlaceId))
		.where(eq(booking.id, sql.placeholder('bookingId')))
		.prepare('visit_facts')
);

async function staffNames(tx: Database, ids: string[]) {
	if (ids.length === 0)
		return new Map<string, { name: string; email: string; language: string; active: boolean }>();
	const values = listValues('id', ids);
	const rows = await staffByIds(ids.length)(tx).execute(values);
	return new Map(rows.map((r) => [r.id, r]));
}

/** What a visit's mails need of each person who goes. */
const person = {
	id: staff.id,
	name: staff.name,
	email: staff.email,
	language: staff.language,
	active: staff.active
};

/** A `person` as a JSON column gives it (a first booking's facts). */
type PersonRow = { id: string; name: string; email: string; language: string; active: boolean };

/** Who goes to a visit, one query per number of people (one or two, three when a slot changes hands). */
const staffByIds = keptPerCount((count) =>
	preparedQuery((db) =>
		db
			.select(person)
			.from(staff)
			.where(inArray(staff.id, placeholderList('id', count)))
			.prepare(`visit_staff_${count}`)
	)
);

async function guardiansWithEmail(tx: Database, familyId: string) {
	return distinctRecipients(await guardiansOf(tx).execute({ familyId }));
}

/** What a family's mails need of each guardian. */
const guardianColumns = { name: guardian.name, email: guardian.email };

const guardiansOf = preparedQuery((db) =>
	db
		.select(guardianColumns)
		.from(guardian)
		.where(eq(guardian.familyId, sql.placeholder('familyId')))
		// Guardians imported together share their moment: then by id, the same order every read.
		.orderBy(asc(guardian.createdAt), asc(guardian.id))
		.prepare('visit_guardians')
);

type Facts = NonNullable<Awaited<ReturnType<typeof facts>>>;

/** The language the parent used on the page becomes the family's. */
const familyLanguage = preparedQuery((db) =>
	db
		.update(family)
		.set({ language: sql`${sql.placeholder('language')}` })
		.where(
			eq(
				family.id,
				sql`(select family_id from ${booking} where ${booking.id} = ${sql.placeholder('bookingId')})`
			)
		)
		.prepare('visit_family_language')
);

function visitFacts(
	f: Facts,
	times: { startsAt: Date; endsAt: Date },
	names: string[],
	by: 'family' | 'school',
	before: VisitState | null
): VisitFacts {
	return {
		bookingId: f.booking.id,
		sequence: f.booking.sequence,
		schoolName: f.school.name,
		schoolPhone: f.school.phone,
		schoolAddress: formatAddress(f.school.street, f.school.postalCode, f.school.city),
		timeZone: f.school.timeZone,
		roundName: f.round.name,
		startsAt: times.startsAt.toISOString(),
		endsAt: times.endsAt.toISOString(),
		location: (f.booking.location ?? 'school') as Location,
		placeName: f.place?.name ?? '',
		placeAddress: f.place?.address ?? '',
		staffNames: names,
		interpreterLanguage: f.booking.interpreterLanguage,
		ownInterpreterLanguage: f.booking.ownInterpreterLanguage,
		deadline: new Date(times.startsAt.getTime() - f.round.deadlineHours * HOUR).toISOString(),
		by,
		...(before?.status === 'booked' &&
			before.startsAt && { previousStartsAt: before.startsAt.toISOString() })
	};
}

type Guardians = Awaited<ReturnType<typeof guardiansWithEmail>>;
type People = Awaited<ReturnType<typeof staffNames>>;

/** The family's mails about one visit: one per guardian address, in the family's language. */
function toFamily<P>(f: Facts, guardians: Guardians, payload: P): (Envelope & { payload: P })[] {
	return guardians.map((g) => ({
		schoolId: f.booking.schoolId,
		toAddress: g.email,
		toName: g.name,
		language: f.family.language,
		bookingId: f.booking.id,
		// Named, not looked up from the visit by the insert: the facts hold them already.
		familyId: f.booking.familyId,
		roundId: f.booking.roundId,
		payload
	}));
}

/** What a family's visit mail says: the visit's facts at that moment. */
async function parentVisitPayload(
	tx: Database,
	f: Facts,
	options: {
		by: 'family' | 'school';
		before: VisitState | null;
		familyPath?: string;
		declined?: boolean;
		times?: { startsAt: Date; endsAt: Date };
		staffIds?: string[];
	},
	/** Names already read by the caller: at least everyone in `staffIds` or the slot. */
	known?: People
): Promise<ParentVisitPayload | null> {
	const times =
		options.times ?? (f.slot ? { startsAt: f.slot.startsAt, endsAt: f.slot.endsAt } : null);
	if (!times) return null;
	const ids = options.staffIds ?? slotStaffIds(f);
	const people = known ?? (await staffNames(tx, ids));
	return {
		...visitFacts(
			f,
			times,
			ids.map((id) => people.get(id)?.name ?? '').filter(Boolean),
			options.by,
			options.before
		),
		...(options.familyPath && { path: options.familyPath }),
		...(options.declined && { declined: true }),
		...(!options.declined &&
			f.booking.status === 'booked' &&
			f.booking.interpreterLanguage && {
				interpreterArranged: await arrangedForFamily(tx, f.booking.id)
			})
	};
}

/** The family's reminder of a booked visit, one per guardian address, ready for `enqueue`. */
export async function reminderMessages(
	tx: Database,
	bookingId: string
): Promise<(Envelope & { payload: ParentVisitPayload })[]> {
	const f = await facts(tx, bookingId);
	const payload = f && (await parentVisitPayload(tx, f, { by: 'family', before: null }));
	return f && payload ? toFamily(f, await guardiansWithEmail(tx, f.booking.familyId), payload) : [];
}

/** Who goes to the visit in its slot: the slot's own staff member and the second one, if any. */
const slotStaffIds = (f: Facts) =>
	[f.slot?.staffId, f.slot?.secondStaffId].filter((id): id is string => Boolean(id));

/**
 * Queues everything one change to a family's answer causes. Call inside the change's transaction.
 * Reads that do not wait on each other go to the database together (one round trip each step):
 * the transaction holds the family's row lock and a connection until it ends.
 */
export async function queueVisitMessages(
	tx: Database,
	bookingId: string,
	change: VisitChange,
	now: Date
): Promise<void> {
	// Sent together, so the facts may still hold the family's old language: the mails below use
	// the new one, as stored.
	const [, read] = await inOrder([
		change.language
			? familyLanguage(tx).execute({ language: change.language, bookingId })
			: Promise.resolve(null),
		facts(tx, bookingId)
	]);
	if (!read) return;
	const f: Facts = change.language
		? { ...read, family: { ...read.family, language: change.language } }
		: read;
	const { wasBooked, nowIds, beforeIds } = audience(f, change);
	const familyMail =
		(change.event === 'declined' && !wasBooked) || change.event === 'booked' || wasBooked;
	// The office arranges interpreters: the visit's request follows the change first
	// (interpreters/requests.ts), so the family's mail says whether its interpreter is still arranged.
	const [, guardians, people, label] = await inOrder([
		change.created && !f.booking.interpreterLanguage
			? Promise.resolve()
			: syncInterpreterRequest(tx, bookingId, now, change.before?.place),
		familyMail ? guardiansWithEmail(tx, f.booking.familyId) : Promise.resolve([]),
		staffNames(tx, [...new Set([...slotStaffIds(f), ...nowIds, ...beforeIds])]),
		familyChildren(tx, f.booking.familyId)
	]);
	await queueRead(tx, { f, guardians, people, label }, change, now);
}

/** A family's first answer, before it is written: what its mails are about. */
export interface FirstVisit {
	schoolId: string;
	roundId: string;
	familyId: string;
	slotId: string;
	/** The neutral place, for a visit at one; null otherwise. */
	placeId: string | null;
}

/**
 * What the mails of a family's first booking say, read before the booking is written: the
 * booking then goes to the database together with its mails and the transaction ends. Another
 * family that wants the same time waits on the booking's row until this transaction commits, so
 * every round trip after the insert is a round trip they wait too. (With an interpreter, the
 * request is written after the booking: that first booking takes `queueVisitMessages`.)
 * One statement: who goes, the guardians and the children come as JSON columns of the facts.
 */
export async function readFirstVisit(tx: Database, visit: FirstVisit) {
	const [row] = await firstVisitFacts(tx).execute({ ...visit });
	if (!row) return null;
	const { people, guardians, children, ...parts } = row;
	return {
		visit,
		parts,
		guardians: distinctRecipients(
			jsonOf<{ name: string; email: string | null }[]>(guardians) ?? []
		),
		label: familyChildrenOfJson(children),
		people: new Map((jsonOf<PersonRow[]>(people) ?? []).map((p) => [p.id, p]))
	};
}

export type FirstVisitRead = NonNullable<Awaited<ReturnType<typeof readFirstVisit>>>;

/**
 * Queues a first booking's mails from what `readFirstVisit` read: writes only, so they go to the
 * database with the booking itself. The answer's values are the ones being written.
 */
export function queueFirstVisitMessages(
	tx: Database,
	read: FirstVisitRead,
	answer: {
		id: string;
		location: Location;
		ownInterpreterLanguage: string | null;
	},
	change: Omit<VisitChange, 'event' | 'before' | 'created'>,
	now: Date
): Promise<unknown> {
	const { visit, parts } = read;
	const f: Facts = {
		...parts,
		family: change.language ? { ...parts.family, language: change.language } : parts.family,
		booking: {
			id: answer.id,
			// A new row's: the column's default.
			sequence: 0,
			status: 'booked',
			location: answer.location,
			interpreterLanguage: null,
			ownInterpreterLanguage: answer.ownInterpreterLanguage,
			familyId: visit.familyId,
			roundId: visit.roundId,
			schoolId: visit.schoolId
		}
	};
	return inOrder([
		change.language
			? familyLanguageOf(tx).execute({ language: change.language, familyId: visit.familyId })
			: Promise.resolve(null),
		queueRead(
			tx,
			{ f, guardians: read.guardians, people: read.people, label: read.label },
			{ ...change, event: 'booked', before: null, created: true },
			now
		)
	]);
}

/**
 * `visit_facts` for a visit not yet written, by the ids the booking will hold; with who goes to
 * the slot (its staff member and the second one), the family's guardians and its children, read
 * as `staffNames`, `guardiansOf` and `familyChildren` read them.
 */
const firstVisitFacts = preparedQuery((db) =>
	db
		.select({
			...visitColumns,
			people: sql<unknown>`(select coalesce(json_agg(${jsonObject(person)}), '[]'::json)
				from ${staff} where ${staff.id} in (${slot.staffId}, ${slot.secondStaffId}))`,
			guardians: sql<unknown>`(select coalesce(json_agg(${jsonObject(guardianColumns)}
				order by ${guardian.createdAt}, ${guardian.id}), '[]'::json)
				from ${guardian} where ${guardian.familyId} = ${family.id})`,
			children: familyChildrenJson(family.id)
		})
		.from(school)
		.innerJoin(
			visitRound,
			and(eq(visitRound.id, sql.placeholder('roundId')), eq(visitRound.schoolId, school.id))
		)
		.innerJoin(
			family,
			and(eq(family.id, sql.placeholder('familyId')), eq(family.schoolId, school.id))
		)
		.leftJoin(slot, and(eq(slot.id, sql.placeholder('slotId')), eq(slot.roundId, visitRound.id)))
		.leftJoin(
			neutralPlace,
			and(eq(neutralPlace.id, sql.placeholder('placeId')), eq(neutralPlace.schoolId, school.id))
		)
		.where(eq(school.id, sql.placeholder('schoolId')))
		.prepare('first_visit_facts')
);

/** The language the parent used on the page becomes the family's (by the family: no booking yet). */
const familyLanguageOf = preparedQuery((db) =>
	db
		.update(family)
		.set({ language: sql`${sql.placeholder('language')}` })
		.where(eq(family.id, sql.placeholder('familyId')))
		.prepare('visit_family_language_of')
);

/**
 * Who hears of a change: who goes now gets the visit (booked or changed); who went before and no
 * longer does gets a cancel. `wasBooked` is the visit as it stood, if it was a booked one.
 */
function audience(f: Facts, change: VisitChange) {
	const before = change.before;
	const wasBooked = before?.status === 'booked' && before.startsAt && before.endsAt ? before : null;
	return {
		wasBooked,
		nowIds: change.event === 'booked' && f.slot ? slotStaffIds(f) : [],
		beforeIds: wasBooked ? wasBooked.staffIds : []
	};
}

/** What the mails about one change are written from. */
interface MessageReads {
	f: Facts;
	guardians: Guardians;
	people: People;
	label: Awaited<ReturnType<typeof familyChildren>>;
}

/** The mails of one change, from what was read for them: from here on only writes. */
async function queueRead(
	tx: Database,
	{ f, guardians, people, label }: MessageReads,
	change: VisitChange,
	now: Date
): Promise<void> {
	const before = change.before;
	const { wasBooked, nowIds, beforeIds } = audience(f, change);
	const at = { now };

	const queued: Promise<unknown>[] = [];
	if (change.event === 'declined' && !wasBooked) {
		queued.push(
			enqueue(
				tx,
				'answer_declined',
				toFamily(f, guardians, {
					schoolName: f.school.name,
					schoolPhone: f.school.phone,
					roundName: f.round.name,
					...(change.familyPath && { path: change.familyPath })
				}),
				at
			)
		);
	} else if (change.event === 'booked') {
		const payload = await parentVisitPayload(
			tx,
			f,
			{ by: change.by, before, familyPath: change.familyPath },
			people
		);
		if (payload)
			queued.push(
				enqueue(
					tx,
					wasBooked ? 'visit_changed' : 'visit_booked',
					toFamily(f, guardians, payload),
					at
				)
			);
	} else if (wasBooked) {
		const payload = await parentVisitPayload(
			tx,
			f,
			{
				by: change.by,
				before,
				familyPath: change.familyPath,
				declined: change.event === 'declined',
				times: { startsAt: wasBooked.startsAt!, endsAt: wasBooked.endsAt! },
				staffIds: wasBooked.staffIds
			},
			people
		);
		if (payload) queued.push(enqueue(tx, 'visit_cancelled', toFamily(f, guardians, payload), at));
	}

	const details = f.school.details
		? `${label.names}\n${formatAddress(f.family.street, f.family.postalCode, f.family.city)}`
		: null;
	const staffPayload = (
		times: { startsAt: Date; endsAt: Date },
		ids: string[]
	): StaffVisitPayload => ({
		...visitFacts(
			f,
			times,
			ids.map((id) => people.get(id)?.name ?? '').filter(Boolean),
			change.by,
			before
		),
		familyLabel: label.label,
		familyPath: `/staff/families/${f.booking.familyId}`,
		details
	});
	const staffRows: {
		kind: StaffVisitKind;
		toAddress: string;
		toName: string;
		language: string;
		payload: StaffVisitPayload;
	}[] = [];
	const toStaff = (id: string, kind: StaffVisitKind, payload: StaffVisitPayload) => {
		const person = people.get(id);
		if (person?.active)
			staffRows.push({
				kind,
				toAddress: person.email,
				toName: person.name,
				language: person.language,
				payload
			});
	};
	if (f.slot && nowIds.length) {
		const payload = staffPayload({ startsAt: f.slot.startsAt, endsAt: f.slot.endsAt }, nowIds);
		for (const id of nowIds)
			toStaff(id, beforeIds.includes(id) ? 'staff_visit_changed' : 'staff_visit_booked', payload);
	}
	if (wasBooked) {
		const payload = staffPayload(
			{ startsAt: wasBooked.startsAt!, endsAt: wasBooked.endsAt! },
			beforeIds
		);
		for (const id of beforeIds.filter((id) => !nowIds.includes(id)))
			toStaff(id, 'staff_visit_cancelled', payload);
	}

	// Each person's mail merges only with their own waiting mail: the addresses differ, so these
	// go out together too.
	for (const row of staffRows)
		queued.push(queueStaffVisitMail(tx, f.booking, row, now, Boolean(change.created)));
	await inOrder(queued);
}

/**
 * One staff member's mail about one visit, merged with the mail about it that still waits
 * unsent (never claimed by a worker: `attempts = 0`). The merged mail says what changed since the
 * last mail this person actually got: a booking they never heard of stays "new", a booking and its
 * cancellation cancel out, and "moved from" names the time in their calendar.
 */
async function queueStaffVisitMail(
	tx: Database,
	visit: { id: string; schoolId: string; familyId: string; roundId: string },
	row: {
		kind: StaffVisitKind;
		toAddress: string;
		toName: string;
		language: string;
		payload: StaffVisitPayload;
	},
	now: Date,
	created: boolean
) {
	const [first] = created ? [] : await takeWaiting(tx, visit.id, row.toAddress, staffVisitKinds);
	let { kind } = row;
	const payload: StaffVisitPayload = { ...row.payload };
	if (
		first &&
		(first.kind === 'staff_visit_booked' ||
			first.kind === 'staff_visit_changed' ||
			first.kind === 'staff_visit_cancelled')
	) {
		const was = first.payload;
		// The time in their calendar: what the waiting mail changed it from, or its own time.
		const known =
			first.kind === 'staff_visit_booked'
				? null
				: first.kind === 'staff_visit_cancelled'
					? was.startsAt
					: (was.previousStartsAt ?? was.startsAt);
		if (first.kind === 'staff_visit_booked' && kind === 'staff_visit_cancelled') return;
		if (first.kind === 'staff_visit_booked') kind = 'staff_visit_booked';
		else if (first.kind === 'staff_visit_cancelled' && kind === 'staff_visit_booked')
			kind = 'staff_visit_changed';
		delete payload.previousStartsAt;
		if (kind === 'staff_visit_changed' && known && known !== payload.startsAt)
			payload.previousStartsAt = known;
		// A cancellation names the time they know, not one they were never told of.
		if (kind === 'staff_visit_cancelled' && known && known !== payload.startsAt) {
			const length = Date.parse(payload.endsAt) - Date.parse(payload.startsAt);
			payload.startsAt = known;
			payload.endsAt = new Date(Date.parse(known) + length).toISOString();
		}
	}
	const delayed = kind !== 'staff_visit_booked' || Boolean(first);
	await enqueue(
		tx,
		kind,
		[
			{
				schoolId: visit.schoolId,
				toAddress: row.toAddress,
				toName: row.toName,
				language: row.language,
				bookingId: visit.id,
				familyId: visit.familyId,
				roundId: visit.roundId,
				payload
			}
		],
		{
			now,
			createdAt: first?.createdAt ?? now,
			sendAt: delayed ? new Date(now.getTime() + STAFF_CHANGE_DELAY_MS) : now
		}
	);
}
