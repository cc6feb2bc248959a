/**
 * "Make a time for this family": the teacher (or the office) answers a family's "none of these
 * times fit" with a slot of the family's own teacher that only this family may book
 * (`slot.reserved_for_family_id`; the trigger `booking_slot_reserved` refuses anyone else). The
 * slot, the request marked done and the family's message are one transaction: a time refused
 * as overlapping tells no one anything. The slot is made by the same code as any other slot
 * (slots/create.ts), so the same checks and the exclusion constraint on a person's times apply.
 *
 * The family is told by e-mail, each guardian with an address, with a fresh link to book it;
 * a family without any address but with a phone gets the same message as a text (an `sms` row),
 * and a family with neither is the teacher's to phone (`told: 'none'`).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { family, familyRequest, guardian, school, staff, visitRound } from '../db/schema';
import { attempt, Refusal } from '../db/transaction';
import { isUuid } from '../forms';
import { mayActForFamily, type Viewer } from '../auth/policy';
import { checkNewSlots, insertSlots, type CreateSlotsProblem } from '../slots/create';
import { overlapConstraint } from '../slots/change';
import { fromWallTime, isDate, TIME_PATTERN } from '../time/zone';
import { issueFamilyLink } from '../families/links';
import { countryOfTimeZone, toE164 } from '../phone/e164';
import { enqueue } from '../mail/outbox';
import { distinctRecipients } from '../mail/address';
import type { TimeOfferedPayload } from '../mail/payloads';
import { openFamilyRequest } from '../db/partial';

export interface TimeToMake {
	date: string;
	startTime: string;
	allowsHome: boolean;
	allowsSchool: boolean;
	allowsNeutral: boolean;
}

export type MakeTimeProblem =
	| 'not_found'
	| 'no_teacher'
	| 'invalid_time'
	| 'too_soon'
	| 'request_gone'
	| Exclude<CreateSlotsProblem, 'none' | 'unknown_round' | 'same_person'>;

/** How the family hears of the time: e-mail, a text, or not at all (the teacher phones). */
export type Told = 'email' | 'sms' | 'none';

export type MakeTimeResult =
	{ ok: true; slotId: string; told: Told } | { ok: false; problem: MakeTimeProblem };

const HOUR = 3_600_000;

async function theRequest(db: Database, me: Viewer, requestId: string) {
	if (!isUuid(requestId)) return null;
	const [row] = await db
		.select({
			id: familyRequest.id,
			roundId: familyRequest.roundId,
			familyId: familyRequest.familyId,
			language: familyRequest.language,
			schoolId: family.schoolId,
			visitingStaffId: family.visitingStaffId,
			visitMinutes: visitRound.visitMinutes,
			deadlineHours: visitRound.changeDeadlineHours,
			timeZone: school.timeZone,
			schoolName: school.name,
			schoolPhone: school.phone,
			teacher: staff.name
		})
		.from(familyRequest)
		.innerJoin(family, eq(family.id, familyRequest.familyId))
		.innerJoin(visitRound, eq(visitRound.id, familyRequest.roundId))
		.innerJoin(school, eq(school.id, family.schoolId))
		.leftJoin(staff, eq(staff.id, family.visitingStaffId))
		.where(
			and(
				eq(familyRequest.id, requestId),
				eq(familyRequest.schoolId, me.schoolId),
				eq(familyRequest.kind, 'other_time'),
				openFamilyRequest
			)
		);
	// Another teacher's family is not found, as another school's is (policy.ts).
	if (!row || !mayActForFamily(me, row)) return null;
	return row;
}

async function tellFamily(
	tx: Database,
	req: NonNullable<Awaited<ReturnType<typeof theRequest>>>,
	times: { startsAt: Date; endsAt: Date },
	now: Date
): Promise<Told> {
	const guardians = await tx
		.select({ name: guardian.name, email: guardian.email, phone: guardian.phone })
		.from(guardian)
		.where(eq(guardian.familyId, req.familyId))
		.orderBy(asc(guardian.createdAt));
	const mail = distinctRecipients(guardians);
	// A text goes to the first guardian with a mobile number, in the form the provider dials.
	const country = countryOfTimeZone(req.timeZone);
	const texted = guardians.flatMap((g) => {
		const number = g.phone ? toE164(g.phone, country) : null;
		return number?.ok && number.mobile ? [{ name: g.name, e164: number.e164 }] : [];
	})[0];
	const channel: Told = mail.length > 0 ? 'email' : texted ? 'sms' : 'none';
	if (channel === 'none') return channel;
	// A fresh link of the message's own channel: the worker erases it once the message is out.
	const token = await issueFamilyLink(tx, req.familyId, req.roundId, now, channel);
	const payload: TimeOfferedPayload = {
		schoolName: req.schoolName,
		schoolPhone: req.schoolPhone,
		timeZone: req.timeZone,
		startsAt: times.startsAt.toISOString(),
		endsAt: times.endsAt.toISOString(),
		staffNames: req.teacher ? [req.teacher] : [],
		path: `/f/${token}`
	};
	const to =
		channel === 'email'
			? mail.map((g) => ({ toAddress: g.email, toName: g.name }))
			: [{ toAddress: texted!.e164, toName: texted!.name }];
	await enqueue(
		tx,
		'time_offered',
		to.map((r) => ({
			...r,
			schoolId: req.schoolId,
			language: req.language,
			familyId: req.familyId,
			roundId: req.roundId,
			payload,
			...(channel === 'sms' && { channel: 'sms' as const })
		})),
		{ now }
	);
	return channel;
}

export async function makeTimeForFamily(
	db: Database,
	me: Viewer,
	requestId: string,
	time: TimeToMake,
	now: Date
): Promise<MakeTimeResult> {
	const req = await theRequest(db, me, requestId);
	if (!req) return { ok: false, problem: 'not_found' };
	if (!req.visitingStaffId) return { ok: false, problem: 'no_teacher' };
	if (!isDate(time.date) || !TIME_PATTERN.test(time.startTime))
		return { ok: false, problem: 'invalid_time' };
	const startsAt = fromWallTime(time.date, time.startTime, req.timeZone);
	if (!startsAt) return { ok: false, problem: 'invalid_time' };
	const times = { startsAt, endsAt: new Date(startsAt.getTime() + req.visitMinutes * 60_000) };
	const input = {
		schoolId: req.schoolId,
		roundId: req.roundId,
		// The family books with its own teacher only (booking/answer.ts), so the time is hers.
		staffId: req.visitingStaffId,
		secondStaffId: null,
		...time,
		times: [times],
		reservedForFamilyId: req.familyId
	};
	const problem = await checkNewSlots(db, input, req.timeZone, now);
	if (problem) return { ok: false, problem: problem as MakeTimeProblem };
	// A time inside the round's change deadline could not be booked by the family any more.
	if (startsAt.getTime() - now.getTime() < req.deadlineHours * HOUR)
		return { ok: false, problem: 'too_soon' };

	const result = await attempt<{ slotId: string; told: Told }, MakeTimeProblem>(
		db,
		async (tx) => {
			const [still] = await tx
				.select({ id: familyRequest.id })
				.from(familyRequest)
				.where(and(eq(familyRequest.id, req.id), openFamilyRequest))
				.for('update');
			// Two tabs, or the family booked meanwhile: one time per request.
			if (!still) throw new Refusal<MakeTimeProblem>('request_gone');
			const [slotId] = await insertSlots(tx, input);
			await tx
				.update(familyRequest)
				.set({ status: 'done', slotId, handledBy: me.id, handledAt: now })
				.where(eq(familyRequest.id, req.id));
			return { slotId: slotId!, told: await tellFamily(tx, req, times, now) };
		},
		overlapConstraint
	);
	return result.ok ? { ok: true, ...result.value } : result;
}
