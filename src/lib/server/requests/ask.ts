/**
 * A parent's requests instead of a booking: "none of these times fit, I could then" and "call
 * me". There is one open request of each kind per family and round (the partial unique index
 * `family_request_one_open`); asking again updates it, so the teacher reads the latest wish and
 * never two. The family row is locked first, as for an answer, so two tabs queue.
 */
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { preparedQuery } from '../db/prepared';
import { family, familyRequest, visitRound } from '../db/schema';
import { attempt, Refusal } from '../db/transaction';
import { isUuid } from '../forms';
import type { CallMeWish, OtherTimeWish } from './form';
import { openFamilyRequest } from '../db/partial';

export type RequestKind = 'other_time' | 'call_me';

/** Which family asks, through its link: the link names school, round and family. */
export interface FamilyRef {
	schoolId: string;
	roundId: string;
	familyId: string;
}

export type AskProblem = 'unknown_family' | 'booking_closed';
export type AskResult = { ok: true; id: string } | { ok: false; problem: AskProblem };

async function lockFamily(tx: Database, ref: FamilyRef, now: Date) {
	if (!isUuid(ref.familyId) || !isUuid(ref.roundId))
		throw new Refusal<AskProblem>('unknown_family');
	const [row] = await tx
		.select({ id: family.id, opensAt: visitRound.bookingOpensAt })
		.from(family)
		.innerJoin(
			visitRound,
			and(eq(visitRound.id, ref.roundId), eq(visitRound.schoolId, family.schoolId))
		)
		.where(and(eq(family.id, ref.familyId), eq(family.schoolId, ref.schoolId)))
		.for('update', { of: family });
	if (!row) throw new Refusal<AskProblem>('unknown_family');
	// Asked while the family may still book: after closing, the school's phone is the way.
	const [open] = await tx
		.select({ id: visitRound.id })
		.from(visitRound)
		.where(
			and(
				eq(visitRound.id, ref.roundId),
				lte(visitRound.bookingOpensAt, now),
				gt(visitRound.bookingClosesAt, now)
			)
		);
	if (!open) throw new Refusal<AskProblem>('booking_closed');
}

async function upsert(
	db: Database,
	ref: FamilyRef,
	kind: RequestKind,
	values: Partial<typeof familyRequest.$inferInsert>,
	language: string,
	now: Date
): Promise<AskResult> {
	const result = await attempt<string, AskProblem>(db, async (tx) => {
		await lockFamily(tx, ref, now);
		const [current] = await tx
			.select({ id: familyRequest.id })
			.from(familyRequest)
			.where(
				and(
					eq(familyRequest.familyId, ref.familyId),
					eq(familyRequest.roundId, ref.roundId),
					eq(familyRequest.kind, kind),
					openFamilyRequest
				)
			);
		if (current) {
			await tx
				.update(familyRequest)
				.set({ ...values, language, createdAt: now })
				.where(eq(familyRequest.id, current.id));
			return current.id;
		}
		const [row] = await tx
			.insert(familyRequest)
			.values({ ...ref, kind, ...values, language, createdAt: now })
			.returning({ id: familyRequest.id });
		return row!.id;
	});
	return result.ok ? { ok: true, id: result.value } : result;
}

/** "None of these times fit": when the family could, in the language of the page they wrote on. */
export function askOtherTime(
	db: Database,
	ref: FamilyRef,
	wish: OtherTimeWish,
	language: string,
	now: Date
): Promise<AskResult> {
	return upsert(
		db,
		ref,
		'other_time',
		{ days: wish.days, parts: wish.parts, note: wish.note },
		language,
		now
	);
}

/** "Call me instead", in the family's language; the phone only when the parent gave one. */
export function askCallMe(
	db: Database,
	ref: FamilyRef,
	wish: CallMeWish,
	language: string,
	now: Date
): Promise<AskResult> {
	return upsert(db, ref, 'call_me', { phone: wish.phone, note: wish.note }, language, now);
}

/** The parent takes their open request back; false when there was none (already handled). */
export async function withdrawRequest(
	db: Database,
	ref: FamilyRef,
	kind: RequestKind,
	now: Date
): Promise<boolean> {
	if (!isUuid(ref.familyId) || !isUuid(ref.roundId)) return false;
	const rows = await db
		.update(familyRequest)
		.set({ status: 'withdrawn', handledAt: now })
		.where(
			and(
				eq(familyRequest.schoolId, ref.schoolId),
				eq(familyRequest.familyId, ref.familyId),
				eq(familyRequest.roundId, ref.roundId),
				eq(familyRequest.kind, kind),
				openFamilyRequest
			)
		)
		.returning({ id: familyRequest.id });
	return rows.length > 0;
}

export interface OpenRequest {
	kind: RequestKind;
	days: string[];
	parts: string[];
	note: string;
	phone: string | null;
	askedAt: Date;
}

/** The family's open requests for the round: for its own page and the staff's page of it. */
export async function openRequestsOf(db: Database, ref: FamilyRef): Promise<OpenRequest[]> {
	if (!isUuid(ref.familyId) || !isUuid(ref.roundId)) return [];
	return openRequestsQuery(db).execute({ ...ref });
}

/** Built once per database: every family page asks it. */
const openRequestsQuery = preparedQuery((db) =>
	db
		.select({
			kind: familyRequest.kind,
			days: familyRequest.days,
			parts: familyRequest.parts,
			note: familyRequest.note,
			phone: familyRequest.phone,
			askedAt: familyRequest.createdAt
		})
		.from(familyRequest)
		.where(
			and(
				eq(familyRequest.schoolId, sql.placeholder('schoolId')),
				eq(familyRequest.familyId, sql.placeholder('familyId')),
				eq(familyRequest.roundId, sql.placeholder('roundId')),
				openFamilyRequest
			)
		)
		.orderBy(asc(familyRequest.kind))
		.prepare('open_requests_of')
);
