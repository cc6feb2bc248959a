/**
 * Contact attempts: each try by staff to reach a family that has not answered (a call, a letter
 * handed over, a word at the gate), with what came of it. The next person sees what was tried;
 * the evaluation counts how many tries it took (outreach/evaluation.ts).
 *
 * Anyone who may see a family (auth/policy.ts, mayViewFamily) may record a try for it: a teacher
 * for the families she visits, the office for the whole school. A family the person may not see
 * is `not_found`, as an unknown id is. When the family asked to be phoned ("call me") and the try
 * reached someone, the request can be marked answered in the same transaction.
 */
import { and, eq, sql } from 'drizzle-orm';
import { jsonOf, rowsOf, type Database } from '../db';
import { contactAttempt, contactChannels, contactOutcomes, familyRequest } from '../db/schema';
import { attempt, Refusal } from '../db/transaction';
import { familyForStaff } from '../booking/choices';
import { recordAudit } from '../audit/record';
import { pupilInRound } from '../families/overview';
import { field, isUuid, multiLine } from '../forms';
import type { Viewer } from '../auth/policy';
import type { FormErrors, FormRead } from '../../forms';
import { openFamilyRequest } from '../db/partial';

export type ContactChannel = (typeof contactChannels)[number];
export type ContactOutcome = (typeof contactOutcomes)[number];
export { contactChannels, contactOutcomes };

export const ATTEMPT_NOTE_MAX = 500;

/** Outcomes where nobody was reached: a call request stays open after them. */
export const unreachedOutcomes: readonly ContactOutcome[] = ['no_answer', 'wrong_number'];

export interface AttemptInput {
	channel: ContactChannel;
	outcome: ContactOutcome;
	note: string;
	/** The family's open "call me" request is answered by this try. */
	callAnswered: boolean;
}

export interface AttemptValues {
	channel: string;
	outcome: string;
	note: string;
	callAnswered: boolean;
	familyId: string;
}

type AttemptField = 'channel' | 'outcome' | 'note';

/** The form on the not-answered list and on the family's page. */
export function readAttempt(form: FormData): FormRead<AttemptInput, AttemptValues, AttemptField> {
	const values: AttemptValues = {
		channel: field(form, 'channel'),
		outcome: field(form, 'outcome'),
		// Cut far beyond the limit only to bound the work; anything over it is refused, not cut.
		note: multiLine(field(form, 'note')).slice(0, ATTEMPT_NOTE_MAX * 2),
		callAnswered: field(form, 'callAnswered') === 'yes',
		familyId: field(form, 'familyId').slice(0, 36)
	};
	const errors: FormErrors<AttemptField> = {};
	const channel = contactChannels.find((c) => c === values.channel);
	const outcome = contactOutcomes.find((o) => o === values.outcome);
	if (!channel) errors.channel = 'outreach.errors.channel_required';
	if (!outcome) errors.outcome = 'outreach.errors.outcome_required';
	if (values.note.length > ATTEMPT_NOTE_MAX) errors.note = 'outreach.errors.note_too_long';
	if (!channel || !outcome || errors.note) return { ok: false, errors, values };
	return {
		ok: true,
		value: { channel, outcome, note: values.note, callAnswered: values.callAnswered },
		values
	};
}

export type AttemptProblem = 'not_found' | 'not_in_round';

/**
 * Records one try for the family in the round. `me` is the person who made it. Returns whether
 * the family's call request was marked answered.
 */
export async function recordAttempt(
	db: Database,
	me: Viewer,
	familyId: string,
	roundId: string,
	input: AttemptInput,
	now: Date
): Promise<{ ok: true; callDone: boolean } | { ok: false; problem: AttemptProblem }> {
	if (!isUuid(familyId) || !isUuid(roundId)) return { ok: false, problem: 'not_found' };
	const found = await familyForStaff(db, me, familyId);
	if (!found) return { ok: false, problem: 'not_found' };
	const result = await attempt<boolean, AttemptProblem>(db, async (tx) => {
		const [inRound] = rowsOf<{ ok: boolean }>(
			await tx.execute(sql`
				select exists (
					select 1 from visit_round r where r.id = ${roundId} and r.school_id = ${me.schoolId}
				) and exists (
					select 1 from pupil p where p.family_id = ${familyId} and ${pupilInRound(roundId)}
				) as ok`)
		);
		if (!inRound?.ok) throw new Refusal('not_in_round');
		await tx.insert(contactAttempt).values({
			schoolId: me.schoolId,
			roundId,
			familyId,
			staffId: me.id,
			channel: input.channel,
			outcome: input.outcome,
			note: input.note,
			createdAt: now
		});
		const answersCall = input.callAnswered && !unreachedOutcomes.includes(input.outcome);
		const done = answersCall
			? await tx
					.update(familyRequest)
					.set({ status: 'done', handledBy: me.id, handledAt: now })
					.where(
						and(
							eq(familyRequest.familyId, familyId),
							eq(familyRequest.roundId, roundId),
							eq(familyRequest.schoolId, me.schoolId),
							eq(familyRequest.kind, 'call_me'),
							openFamilyRequest
						)
					)
					.returning({ id: familyRequest.id })
			: [];
		// Codes only: the note is a person's own words and stays out of the log.
		await recordAudit(tx, {
			schoolId: me.schoolId,
			actorKind: 'staff',
			actorId: me.id,
			action: 'contact.recorded',
			subjectType: 'family',
			subjectId: familyId,
			detail: {
				round: roundId,
				channel: input.channel,
				outcome: input.outcome,
				callDone: done.length > 0
			}
		});
		return done.length > 0;
	});
	return result.ok ? { ok: true, callDone: result.value } : result;
}

export interface AttemptEntry {
	at: Date;
	channel: ContactChannel;
	outcome: ContactOutcome;
	note: string;
	/** Null: the staff member's account is gone. */
	by: string | null;
}

export interface FamilyOutreach {
	/** Whether the family belongs to the round: only then can a try be recorded for it. */
	inRound: boolean;
	attempts: AttemptEntry[];
	/** The family's open "call me" request, if any. */
	callMe: { at: Date; phone: string | null; language: string; note: string } | null;
	/** The family asked for another time (handled on the family's page by its own section). */
	otherTime: boolean;
}

/** The tries for one family in a round, newest first, and its open requests. */
export async function familyOutreach(
	db: Database,
	schoolId: string,
	familyId: string,
	roundId: string
): Promise<FamilyOutreach> {
	const [head] = rowsOf<Record<string, unknown>>(
		await db.execute(sql`
			select exists (select 1 from pupil p where p.family_id = ${familyId} and ${pupilInRound(roundId)}) as in_round,
				(select json_build_object('at', fr.created_at, 'phone', fr.phone, 'language', fr.language, 'note', fr.note)
				   from family_request fr where fr.family_id = ${familyId} and fr.round_id = ${roundId}
				   and fr.school_id = ${schoolId} and fr.kind = 'call_me' and fr.status = 'open') as call_me,
				exists (select 1 from family_request fr where fr.family_id = ${familyId} and fr.round_id = ${roundId}
				   and fr.school_id = ${schoolId} and fr.kind = 'other_time' and fr.status = 'open') as other_time`)
	);
	const rows = rowsOf<Record<string, unknown>>(
		await db.execute(sql`
			select ca.created_at, ca.channel, ca.outcome, ca.note, st.name as staff_name
			from contact_attempt ca
			left join staff st on st.id = ca.staff_id and st.school_id = ca.school_id
			where ca.school_id = ${schoolId} and ca.family_id = ${familyId} and ca.round_id = ${roundId}
			order by ca.created_at desc, ca.id`)
	);
	const callMe = jsonOf<Record<string, unknown>>(head?.call_me);
	return {
		inRound: Boolean(head?.in_round),
		attempts: rows.map((r) => ({
			at: new Date(r.created_at as string),
			channel: r.channel as ContactChannel,
			outcome: r.outcome as ContactOutcome,
			note: (r.note as string) ?? '',
			by: (r.staff_name as string | null) ?? null
		})),
		callMe: callMe
			? {
					at: new Date(callMe.at as string),
					phone: (callMe.phone as string | null) ?? null,
					language: (callMe.language as string) ?? 'nl',
					note: (callMe.note as string) ?? ''
				}
			: null,
		otherTime: Boolean(head?.other_time)
	};
}
