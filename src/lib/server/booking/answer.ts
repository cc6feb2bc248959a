/**
 * A family's answer for a round: a visit in a slot, or "no meeting". There is one answer row
 * per family and round; a change (another slot, place or interpreter) updates that row in place
 * and raises its sequence, so a reschedule is one UPDATE that the database either accepts or
 * refuses as a whole: never two slots, never none. Double bookings are stopped by the unique
 * indexes `booking_one_per_slot` and `booking_one_answer_per_family`, not by a check here.
 *
 * A post that changes nothing changes nothing: no new sequence, no audit entry, no mail. Real
 * changes through a family's link are limited per hour, so one link cannot flood the family's
 * and the teacher's mailboxes.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { isUuid } from '../forms';
import type { Database } from '../db';
import { preparedInsert, preparedQuery } from '../db/prepared';
import { booking, family, neutralPlace, slot, visitRound } from '../db/schema';
import { attempt, inOrder, Refusal } from '../db/transaction';
import { changedFields, recordAnswerEvent, type AnswerActor, type AnswerField } from './audit';
import { interpreterChoiceOf } from './form';
import { parentPhase } from './phase';
import {
	queueFirstVisitMessages,
	queueVisitMessages,
	readFirstVisit,
	visitState
} from './visit-messages';
import { hit, type Limit } from '../auth/rate-limit';
import { closeRequestsOnAnswer } from '../requests/close';
import { answerOfFamily } from '../db/partial';

/** Answers (book, change, cancel, decline) a family may give through its link in an hour. */
export const PARENT_ANSWERS: Limit = { scope: 'family-answer', max: 10, windowMs: 3_600_000 };

export type Location = 'home' | 'school' | 'neutral';

export interface Actor {
	kind: 'parent' | 'staff';
	staffId?: string;
	/** The family's link path (`/f/<token>`) when a parent acts through it: their mails repeat it. */
	familyPath?: string;
	/** The language the parent reads the page in: their mails use it from now on. */
	language?: string;
}

/** Who the audit log names: the family itself through its link, or the staff member. */
const auditActor = (actor: Actor, familyId: string): AnswerActor =>
	actor.kind === 'parent'
		? { kind: 'family', familyId }
		: { kind: 'staff', staffId: actor.staffId ?? null };

/** The answer's stored values by the codes the audit log names them with; a field left out stays out. */
function asFields(answer: {
	status?: string | null;
	slotId?: string | null;
	location?: string | null;
	neutralPlaceId?: string | null;
	visitAddress?: string | null;
	interpreterLanguage?: string | null;
	ownInterpreterLanguage?: string | null;
	parentQuestions?: string | null;
	staffNote?: string | null;
	notHomeReason?: string | null;
	notHomeReasonText?: string | null;
}): Partial<Record<AnswerField, unknown>> {
	const fields: Partial<Record<AnswerField, unknown>> = {
		answer: answer.status,
		slot: answer.slotId,
		location: answer.location,
		place: answer.neutralPlaceId,
		address: answer.visitAddress,
		// Bringing someone for Turkish and the school arranging Turkish are different answers.
		interpreter: `${answer.interpreterLanguage ?? ''}\n${answer.ownInterpreterLanguage ?? ''}`,
		reason: `${answer.notHomeReason ?? ''}\n${answer.notHomeReasonText ?? ''}`
	};
	if (answer.parentQuestions !== undefined) fields.questions = answer.parentQuestions;
	if (answer.staffNote !== undefined) fields.note = answer.staffNote;
	return fields;
}

/** The family's language changes only when the parent used another one on the page: no update otherwise. */
const messageOptions = (actor: Actor, familyLanguage: string) => ({
	by: 'family' as const,
	familyPath: actor.familyPath,
	language:
		actor.kind === 'parent' && actor.language !== familyLanguage ? actor.language : undefined
});

export interface VisitChoice {
	slotId: string;
	location: Location;
	neutralPlaceId: string | null;
	/** A corrected address for a home visit; null keeps the family's own. */
	visitAddress: string | null;
	/** The school arranges an interpreter for this language. */
	interpreterLanguage: string | null;
	/** The family brings its own interpreter (a relative or friend, never the child) for this language. */
	ownInterpreterLanguage: string | null;
	/** The parents' own questions; left out when staff book, so what the family wrote stays. */
	parentQuestions?: string | null;
	/** Staff's note; left out when parents book. Never shown to the family. */
	staffNote?: string | null;
	notHomeReason: string | null;
	notHomeReasonText: string | null;
}

export type AnswerProblem =
	| 'unknown_family'
	| 'booking_closed'
	| 'slot_gone'
	| 'slot_taken'
	| 'not_your_teacher'
	| 'place_not_allowed'
	| 'unknown_place'
	| 'too_late'
	| 'already_answered'
	| 'too_many_changes';

/** `changed: false`: the answer was already exactly this; nothing was written or sent. */
export type AnswerResult =
	| { ok: true; bookingId: string; sequence: number; changed: boolean }
	| { ok: false; problem: AnswerProblem };

const HOUR = 3_600_000;

async function context(tx: Database, schoolId: string, roundId: string, familyId: string) {
	if (!isUuid(familyId) || !isUuid(roundId)) throw new Refusal<AnswerProblem>('unknown_family');
	// Two statements, sent together (one round trip): the lock first, so that the second one reads
	// the answer as it stands once this transaction holds the family. One joined statement would
	// read the booking from before the wait, and miss an answer another tab just committed.
	const [[row], [current]] = await inOrder([
		familyLocked(tx).execute({ schoolId, roundId, familyId }),
		currentAnswer(tx).execute({ roundId, familyId })
	]);
	if (!row) throw new Refusal<AnswerProblem>('unknown_family');
	return { ...row, current: current ?? null };
}

/** The family with its round's rules, locked: serialises one family's own concurrent answers (two tabs, two parents). */
const familyLocked = preparedQuery((db) =>
	db
		.select({
			visitingStaffId: family.visitingStaffId,
			language: family.language,
			opensAt: visitRound.bookingOpensAt,
			closesAt: visitRound.bookingClosesAt,
			deadlineHours: visitRound.changeDeadlineHours
		})
		.from(family)
		.innerJoin(
			visitRound,
			and(eq(visitRound.id, sql.placeholder('roundId')), eq(visitRound.schoolId, family.schoolId))
		)
		.where(
			and(
				eq(family.id, sql.placeholder('familyId')),
				eq(family.schoolId, sql.placeholder('schoolId'))
			)
		)
		.for('update', { of: family })
		.prepare('answer_family_locked')
);

/** The family's current answer in the round, if any. */
const currentAnswer = preparedQuery((db) =>
	db
		.select({
			id: booking.id,
			status: booking.status,
			sequence: booking.sequence,
			slotStartsAt: slot.startsAt,
			slotId: booking.slotId,
			location: booking.location,
			neutralPlaceId: booking.neutralPlaceId,
			visitAddress: booking.visitAddress,
			interpreterLanguage: booking.interpreterLanguage,
			ownInterpreterLanguage: booking.ownInterpreterLanguage,
			parentQuestions: booking.parentQuestions,
			staffNote: booking.staffNote,
			notHomeReason: booking.notHomeReason,
			notHomeReasonText: booking.notHomeReasonText
		})
		.from(booking)
		.leftJoin(slot, eq(slot.id, booking.slotId))
		.where(answerOfFamily)
		.prepare('answer_current')
);

/** The slot a family chose, in its round and school. */
const chosenSlot = preparedQuery((db) =>
	db
		.select({
			staffId: slot.staffId,
			startsAt: slot.startsAt,
			allowsHome: slot.allowsHome,
			allowsSchool: slot.allowsSchool,
			allowsNeutral: slot.allowsNeutral
		})
		.from(slot)
		.where(
			and(
				eq(slot.id, sql.placeholder('slotId')),
				eq(slot.roundId, sql.placeholder('roundId')),
				eq(slot.schoolId, sql.placeholder('schoolId'))
			)
		)
		.prepare('answer_chosen_slot')
);

/** The neutral place a family chose, if the school still offers it. */
const activePlace = preparedQuery((db) =>
	db
		.select({ id: neutralPlace.id })
		.from(neutralPlace)
		.where(
			and(
				eq(neutralPlace.id, sql.placeholder('placeId')),
				eq(neutralPlace.schoolId, sql.placeholder('schoolId')),
				eq(neutralPlace.active, true)
			)
		)
		.prepare('answer_active_place')
);

/** The same rule the family's page shows: only an open round, and a booked visit only until its deadline. */
function checkWindow(ctx: Awaited<ReturnType<typeof context>>, now: Date) {
	const phase = parentPhase(
		{
			round: { opensAt: ctx.opensAt, closesAt: ctx.closesAt, deadlineHours: ctx.deadlineHours },
			answer: ctx.current && { status: ctx.current.status, startsAt: ctx.current.slotStartsAt }
		},
		now
	);
	if (phase === 'locked') throw new Refusal<AnswerProblem>('too_late');
	if (phase !== 'open') throw new Refusal<AnswerProblem>('booking_closed');
}

type Current = NonNullable<Awaited<ReturnType<typeof context>>['current']>;

/** True when every field the new values name already holds that value: re-posting the same form. */
function sameAnswer(current: Current, values: Partial<Record<keyof Current, unknown>>): boolean {
	return Object.entries(values).every(([key, value]) => current[key as keyof Current] === value);
}

/** A parent's real change counts against the link's hourly limit; staff are not limited. */
async function countChange(tx: Database, familyId: string, actor: Actor, now: Date) {
	if (actor.kind !== 'parent') return;
	if (!(await hit(tx, PARENT_ANSWERS, familyId, now)).allowed)
		throw new Refusal<AnswerProblem>('too_many_changes');
}

/** The indexes that stop double bookings, and what a family is told when one of them does. */
const answerConstraints = {
	booking_one_per_slot: 'slot_taken',
	// A time made for another family: to this family it does not exist.
	booking_slot_reserved: 'slot_gone',
	booking_one_answer_per_family: 'already_answered'
} as const;

async function run(
	db: Database,
	work: (tx: Database) => Promise<{ id: string; sequence: number; changed?: boolean }>
): Promise<AnswerResult> {
	const result = await attempt<{ id: string; sequence: number; changed?: boolean }, AnswerProblem>(
		db,
		work,
		answerConstraints
	);
	if (!result.ok) return result;
	const { id, sequence, changed = true } = result.value;
	return { ok: true, bookingId: id, sequence, changed };
}

/** Books a visit, or moves the family's existing answer to this slot, place and interpreter. */
export function bookVisit(
	db: Database,
	schoolId: string,
	roundId: string,
	familyId: string,
	choice: VisitChoice,
	actor: Actor,
	now: Date
): Promise<AnswerResult> {
	return run(db, async (tx) => {
		// The family, its answer, the chosen slot and place, read in one round trip: a booking is
		// mostly waiting for the database, and every round trip holds the transaction open.
		const slotId = isUuid(choice.slotId) ? choice.slotId : null;
		const placeId =
			choice.location === 'neutral' && isUuid(choice.neutralPlaceId) ? choice.neutralPlaceId : null;
		// What a first booking's mails say is read here too (wasted on a change, which reads its
		// own after the write): the booking and its mails then go out as one round trip.
		const [ctx, [chosen], [place], first] = await inOrder([
			context(tx, schoolId, roundId, familyId),
			slotId ? chosenSlot(tx).execute({ slotId, roundId, schoolId }) : Promise.resolve([]),
			placeId ? activePlace(tx).execute({ placeId, schoolId }) : Promise.resolve([]),
			slotId && !choice.interpreterLanguage
				? readFirstVisit(tx, { schoolId, roundId, familyId, slotId, placeId })
				: Promise.resolve(null)
		]);
		checkWindow(ctx, now);
		if (!chosen) throw new Refusal<AnswerProblem>('slot_gone');
		// Families book with their own teacher: the one who visits the oldest child.
		if (chosen.staffId !== ctx.visitingStaffId)
			throw new Refusal<AnswerProblem>('not_your_teacher');
		if (chosen.startsAt.getTime() - now.getTime() < ctx.deadlineHours * HOUR)
			throw new Refusal<AnswerProblem>('too_late');
		const allowed = {
			home: chosen.allowsHome,
			school: chosen.allowsSchool,
			neutral: chosen.allowsNeutral
		}[choice.location];
		if (!allowed) throw new Refusal<AnswerProblem>('place_not_allowed');
		if (choice.location === 'neutral' && !place) throw new Refusal<AnswerProblem>('unknown_place');
		const answer = {
			slotId: choice.slotId,
			status: 'booked' as const,
			location: choice.location,
			neutralPlaceId: choice.location === 'neutral' ? choice.neutralPlaceId : null,
			visitAddress: choice.location === 'home' ? choice.visitAddress : null,
			// At most one of the two holds a language (check booking_one_interpreter_choice).
			interpreterLanguage: choice.interpreterLanguage,
			ownInterpreterLanguage: choice.interpreterLanguage ? null : choice.ownInterpreterLanguage,
			// Each side writes only its own words: a rebooking by the office keeps the parents' questions.
			...(choice.parentQuestions !== undefined && { parentQuestions: choice.parentQuestions }),
			...(choice.staffNote !== undefined && { staffNote: choice.staffNote }),
			notHomeReason: choice.location === 'home' ? null : choice.notHomeReason,
			notHomeReasonText: choice.location === 'home' ? null : choice.notHomeReasonText
		};
		if (ctx.current && sameAnswer(ctx.current, answer))
			return { id: ctx.current.id, sequence: ctx.current.sequence, changed: false };
		const values = {
			...answer,
			bookedBy: actor.kind,
			bookedByStaffId: actor.staffId ?? null,
			familyNotice: null,
			cancelledAt: null,
			updatedAt: now
		};
		const before = ctx.current ? await visitState(tx, ctx.current.id) : null;
		// A new answer's id is chosen here, so the statements that name it go out with the insert.
		const bookingId = ctx.current?.id ?? randomUUID();
		// These do not read each other's rows, so they go to the database together. A first
		// booking's mails were read for above and go with them; a change's mails read the answer
		// back, so they follow its write. Settled in this order: over the limit, the refusal wins
		// over anything after it.
		const written = writeAnswer(
			tx,
			ctx.current,
			{ schoolId, roundId, familyId },
			values,
			now,
			bookingId
		);
		const [, row] = await inOrder([
			countChange(tx, familyId, actor, now),
			written,
			closeRequestsOnAnswer(
				tx,
				{ familyId, roundId },
				{ slotId: answer.slotId, staffId: actor.staffId ?? null },
				now
			),
			recordAnswerEvent(tx, {
				schoolId,
				bookingId,
				event: ctx.current ? 'changed' : 'created',
				actor: auditActor(actor, familyId),
				at: now,
				detail: {
					slotId: answer.slotId,
					location: answer.location,
					placeId: answer.neutralPlaceId,
					// The choice's code only: none, bring or arrange.
					interpreter: interpreterChoiceOf(answer)
				},
				...(ctx.current && {
					changed: changedFields(asFields(ctx.current), asFields(answer))
				})
			}),
			first && !ctx.current
				? queueFirstVisitMessages(
						tx,
						first,
						{
							id: bookingId,
							location: answer.location,
							ownInterpreterLanguage: answer.ownInterpreterLanguage
						},
						messageOptions(actor, ctx.language),
						now
					)
				: written.then(() =>
						queueVisitMessages(
							tx,
							bookingId,
							{
								event: 'booked',
								before,
								...messageOptions(actor, ctx.language),
								created: !ctx.current
							},
							now
						)
					)
		]);
		return row;
	});
}

/** "No meeting at all, thank you": the family's answer, kept without a slot; the reason is optional. */
export function declineRound(
	db: Database,
	schoolId: string,
	roundId: string,
	familyId: string,
	reason: { code: string | null; text: string | null },
	actor: Actor,
	now: Date
): Promise<AnswerResult> {
	return run(db, async (tx) => {
		const ctx = await context(tx, schoolId, roundId, familyId);
		checkWindow(ctx, now);
		const answer = {
			status: 'declined' as const,
			notHomeReason: reason.code,
			notHomeReasonText: reason.text
		};
		if (ctx.current && sameAnswer(ctx.current, answer))
			return { id: ctx.current.id, sequence: ctx.current.sequence, changed: false };
		await countChange(tx, familyId, actor, now);
		const before = ctx.current ? await visitState(tx, ctx.current.id) : null;
		const values = {
			...answer,
			slotId: null,
			location: null,
			neutralPlaceId: null,
			visitAddress: null,
			interpreterLanguage: null,
			ownInterpreterLanguage: null,
			bookedBy: actor.kind,
			bookedByStaffId: actor.staffId ?? null,
			updatedAt: now
		};
		const row = await writeAnswer(tx, ctx.current, { schoolId, roundId, familyId }, values, now);
		await closeRequestsOnAnswer(
			tx,
			{ familyId, roundId },
			{ slotId: null, staffId: actor.staffId ?? null },
			now
		);
		await queueVisitMessages(
			tx,
			row.id,
			{ event: 'declined', before, ...messageOptions(actor, ctx.language), created: !ctx.current },
			now
		);
		await recordAnswerEvent(tx, {
			schoolId,
			bookingId: row.id,
			event: 'declined',
			actor: auditActor(actor, familyId),
			at: now,
			detail: { reason: reason.code },
			...(ctx.current && {
				changed: changedFields(asFields(ctx.current), asFields({ ...answer, ...values }))
			})
		});

		return row;
	});
}

/** Cancels the family's visit (until the deadline); the slot is free again at once. */
export function cancelAnswer(
	db: Database,
	schoolId: string,
	roundId: string,
	familyId: string,
	actor: Actor,
	now: Date
): Promise<AnswerResult> {
	return run(db, async (tx) => {
		const ctx = await context(tx, schoolId, roundId, familyId);
		if (!ctx.current) throw new Refusal<AnswerProblem>('slot_gone');
		checkWindow(ctx, now);
		await countChange(tx, familyId, actor, now);
		const before = await visitState(tx, ctx.current.id);
		const [row] = await tx
			.update(booking)
			.set({
				status: 'cancelled',
				cancelledAt: now,
				updatedAt: now,
				sequence: sql`${booking.sequence} + 1`
			})
			.where(eq(booking.id, ctx.current.id))
			.returning({ id: booking.id, sequence: booking.sequence });
		await queueVisitMessages(
			tx,
			row!.id,
			{ event: 'cancelled', before, ...messageOptions(actor, ctx.language) },
			now
		);
		await recordAnswerEvent(tx, {
			schoolId,
			bookingId: row!.id,
			event: 'cancelled',
			actor: auditActor(actor, familyId),
			at: now,
			detail: { slotId: ctx.current.slotId, answer: ctx.current.status }
		});

		return row!;
	});
}

/** A parent acting through their link: their mails repeat the link and use the page's language. */
export const parentActor = (token: string, language: string): Actor => ({
	kind: 'parent',
	familyPath: `/f/${token}`,
	language
});

/**
 * Writes the family's answer: over its current one, raising SEQUENCE (calendar invites carry it),
 * or as its first. Booking and declining both end here.
 */
async function writeAnswer(
	tx: Database,
	current: { id: string } | null | undefined,
	family: { schoolId: string; roundId: string; familyId: string },
	values: Omit<typeof booking.$inferInsert, 'schoolId' | 'roundId' | 'familyId'>,
	now: Date,
	id?: string
): Promise<{ id: string; sequence: number }> {
	const [row] = current
		? await tx
				.update(booking)
				.set({ ...values, sequence: sql`${booking.sequence} + 1` })
				.where(eq(booking.id, current.id))
				.returning({ id: booking.id, sequence: booking.sequence })
		: await insertBooking(tx, { ...family, ...values, ...(id && { id }), createdAt: now });
	return row!;
}

/** A family's first answer: built once per set of columns (db/prepared.ts). */
const insertBooking = preparedInsert<typeof booking.$inferInsert, { id: string; sequence: number }>(
	booking,
	'insert_booking',
	{ id: booking.id, sequence: booking.sequence }
);
