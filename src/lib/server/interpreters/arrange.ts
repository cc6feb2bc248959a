/**
 * The office arranges an open request: who interprets (one of the school's interpreters), how
 * (in person or by phone) and, for a service, the name and phone of the person it sends. The
 * database refuses a person (a colleague or a volunteer) who is already at a visit then
 * (`interpreter_no_overlap`, travel time included for in-person visits); a service sends whoever
 * is free, so it may take visits at the same time. A refusal comes back as a problem, never a 500.
 * Arranging sends the interpreter a REQUEST (and the family, the first time, the news that an
 * interpreter will be there); arranging someone else or releasing sends the one who was arranged
 * a CANCEL.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { booking, interpreter, interpreterRequest, visitRound } from '../db/schema';
import { attempt, Refusal, type Attempted } from '../db/transaction';
import { isUuid } from '../forms';
import { runsSchool, type Viewer } from '../auth/policy';
import { recordAudit } from '../audit/record';
import { interpreterInvite, type ArrangedRequest } from './invite';
import { blockedTime, unarranged } from './requests';
import { tellFamilyOnce } from './family-news';
import { liveInterpreterRequest } from '../db/partial';

export const interpreterModes = ['in_person', 'phone'] as const;
export type InterpreterMode = (typeof interpreterModes)[number];

export type ArrangeProblem =
	| 'not_found'
	| 'not_open'
	| 'interpreter_unknown'
	| 'language_not_spoken'
	| 'interpreter_busy'
	| 'contact_too_long';

export interface Arrangement {
	interpreterId: string;
	mode: InterpreterMode;
	contactName: string;
	contactPhone: string;
}

export const CONTACT_MAX = 120;

/** The request, locked, if it is this school's and the viewer runs the school. */
async function requestFor(tx: Database, me: Viewer, requestId: string) {
	if (!runsSchool(me) || !isUuid(requestId)) throw new Refusal('not_found');
	const [row] = await tx
		.select({ request: interpreterRequest, travelMinutes: visitRound.travelMinutes })
		.from(interpreterRequest)
		.innerJoin(booking, eq(booking.id, interpreterRequest.bookingId))
		.innerJoin(visitRound, eq(visitRound.id, booking.roundId))
		.where(and(eq(interpreterRequest.id, requestId), eq(interpreterRequest.schoolId, me.schoolId)))
		.for('update', { of: interpreterRequest });
	if (!row) throw new Refusal('not_found');
	if (row.request.status === 'cancelled') throw new Refusal('not_open');
	return row;
}

export function arrangeInterpreter(
	db: Database,
	me: Viewer,
	requestId: string,
	arrangement: Arrangement,
	now: Date
): Promise<Attempted<void, ArrangeProblem>> {
	return attempt(
		db,
		async (tx) => {
			const { request, travelMinutes } = await requestFor(tx, me, requestId);
			if (!isUuid(arrangement.interpreterId)) throw new Refusal('interpreter_unknown');
			const [who] = await tx
				.select({
					id: interpreter.id,
					name: interpreter.name,
					kind: interpreter.kind,
					languages: interpreter.languages
				})
				.from(interpreter)
				.where(
					and(
						eq(interpreter.id, arrangement.interpreterId),
						eq(interpreter.schoolId, me.schoolId),
						eq(interpreter.active, true)
					)
				)
				// One arrangement of a person at a time. Two offices arranging the same interpreter at
				// once would each check the exclusion constraint against the other's uncommitted row
				// and deadlock (40P01); in turn, the second gets interpreter_no_overlap, in words.
				.for('update');
			if (!who) throw new Refusal('interpreter_unknown');
			if (!who.languages.includes(request.language)) throw new Refusal('language_not_spoken');
			if (
				arrangement.contactName.length > CONTACT_MAX ||
				arrangement.contactPhone.length > CONTACT_MAX
			)
				throw new Refusal('contact_too_long');
			const same =
				request.status === 'arranged' &&
				request.interpreterId === who.id &&
				request.mode === arrangement.mode &&
				(request.contactName ?? '') === arrangement.contactName &&
				(request.contactPhone ?? '') === arrangement.contactPhone;
			if (same) return;
			// Someone else was arranged: they are told first, with their own request's next SEQUENCE.
			if (request.status === 'arranged' && request.interpreterId !== who.id)
				await interpreterInvite(
					tx,
					{ ...request, sequence: request.sequence + 1 } as ArrangedRequest,
					'CANCEL',
					now
				);
			const [updated] = await tx
				.update(interpreterRequest)
				.set({
					status: 'arranged',
					interpreterId: who.id,
					// One person's time is held; a service sends whoever is free.
					exclusive: who.kind !== 'service',
					mode: arrangement.mode,
					contactName: arrangement.contactName || null,
					contactPhone: arrangement.contactPhone || null,
					...blockedTime(request, arrangement.mode, travelMinutes),
					sequence: sql`${interpreterRequest.sequence} + 1`,
					arrangedAt: now,
					arrangedByStaffId: me.id,
					updatedAt: now
				})
				.where(and(eq(interpreterRequest.id, request.id), liveInterpreterRequest))
				.returning();
			await interpreterInvite(tx, updated as ArrangedRequest, 'REQUEST', now);
			await tellFamilyOnce(tx, request, { name: who.name, mode: arrangement.mode }, now);
			await recordAudit(tx, {
				schoolId: me.schoolId,
				actorKind: 'staff',
				actorId: me.id,
				action: 'interpreter.arranged',
				subjectType: 'interpreter_request',
				subjectId: request.id,
				detail: { bookingId: request.bookingId, interpreterId: who.id, mode: arrangement.mode }
			});
		},
		{ interpreter_no_overlap: 'interpreter_busy' }
	);
}

/** Back to "requested": the interpreter who was arranged gets a CANCEL. */
export function releaseInterpreter(
	db: Database,
	me: Viewer,
	requestId: string,
	now: Date
): Promise<Attempted<void, ArrangeProblem>> {
	return attempt(db, async (tx) => {
		const { request } = await requestFor(tx, me, requestId);
		if (request.status !== 'arranged') return;
		const sequence = request.sequence + 1;
		await interpreterInvite(tx, { ...request, sequence } as ArrangedRequest, 'CANCEL', now);
		await tx
			.update(interpreterRequest)
			.set({
				...unarranged,
				sequence,
				updatedAt: now
			})
			.where(eq(interpreterRequest.id, request.id));
		await recordAudit(tx, {
			schoolId: me.schoolId,
			actorKind: 'staff',
			actorId: me.id,
			action: 'interpreter.released',
			subjectType: 'interpreter_request',
			subjectId: request.id,
			detail: { bookingId: request.bookingId, interpreterId: request.interpreterId }
		});
	});
}
