/**
 * A fresh personal link for a family without e-mail, by text: as an SMS through the school's
 * provider (queued in the outbox, in the same transaction as the link), or as a WhatsApp
 * message that opens on the staff member's own phone (a wa.me link; no API, nothing queued).
 * Each channel has its own active link, so a new text leaves the letter and the e-mail link
 * working. At most five texts a family a day, both ways together: the link is personal, and a
 * mistaken number must not be flooded. Callers decide who may send (policy.mayActForFamily).
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { family, guardian, school, visitRound } from '../db/schema';
import { transaction } from '../db/transaction';
import { issueFamilyLink } from '../families/links';
import { enqueue } from '../mail/outbox';
import type { TextLinkPayload } from '../mail/payloads';
import { recordAudit } from '../audit/record';
import { hit, type Limit } from '../auth/rate-limit';
import { countryOfTimeZone, toE164, waDigits, type PhoneProblem } from '../phone/e164';
import { smsText } from './text';

export type TextChannel = 'sms' | 'whatsapp';

/** `not_mobile`: a landline, which no text reaches; `no_phone`: not a guardian of this family with a number. */
export type TextProblem = PhoneProblem | 'not_mobile' | 'no_phone' | 'too_many';

export const TEXTS_PER_FAMILY: Limit = { scope: 'family-text', max: 5, windowMs: 86_400_000 };

export interface TextRequest {
	schoolId: string;
	roundId: string;
	familyId: string;
	guardianId: string;
	staffId: string;
	channel: TextChannel;
	origin: URL;
	now: Date;
}

export type TextSent =
	| { ok: true; channel: 'sms'; e164: string }
	| { ok: true; channel: 'whatsapp'; e164: string; href: string }
	| { ok: false; problem: TextProblem };

export async function textFamilyLink(db: Database, r: TextRequest): Promise<TextSent> {
	const [row] = await db
		.select({
			phone: guardian.phone,
			name: guardian.name,
			language: family.language,
			schoolName: school.name,
			schoolPhone: school.phone,
			timeZone: school.timeZone,
			roundName: visitRound.name
		})
		.from(guardian)
		.innerJoin(family, eq(family.id, guardian.familyId))
		.innerJoin(school, eq(school.id, family.schoolId))
		// The round and the guardian must both be this family's school's: ids in a form are not trusted.
		.innerJoin(
			visitRound,
			and(eq(visitRound.id, r.roundId), eq(visitRound.schoolId, family.schoolId))
		)
		.where(
			and(
				eq(guardian.id, r.guardianId),
				eq(guardian.familyId, r.familyId),
				eq(family.schoolId, r.schoolId)
			)
		);
	if (!row?.phone) return { ok: false, problem: 'no_phone' };
	const number = toE164(row.phone, countryOfTimeZone(row.timeZone));
	if (!number.ok) return { ok: false, problem: number.problem };
	if (!number.mobile) return { ok: false, problem: 'not_mobile' };
	if (!(await hit(db, TEXTS_PER_FAMILY, r.familyId, r.now)).allowed)
		return { ok: false, problem: 'too_many' };

	return transaction(db, async (tx) => {
		const token = await issueFamilyLink(tx, r.familyId, r.roundId, r.now, r.channel);
		const payload: TextLinkPayload = {
			schoolName: row.schoolName,
			schoolPhone: row.schoolPhone,
			roundName: row.roundName,
			path: `/f/${token}`
		};
		// Ids and the channel only: the number and the text stay out of the audit log.
		await recordAudit(tx, {
			schoolId: r.schoolId,
			actorKind: 'staff',
			actorId: r.staffId,
			action: r.channel === 'sms' ? 'family.sms_link' : 'family.whatsapp_link',
			subjectType: 'family',
			subjectId: r.familyId
		});
		if (r.channel === 'sms') {
			await enqueue(
				tx,
				'text_link',
				[
					{
						schoolId: r.schoolId,
						channel: 'sms',
						toAddress: number.e164,
						toName: row.name,
						language: row.language,
						familyId: r.familyId,
						roundId: r.roundId,
						payload
					}
				],
				{ now: r.now }
			);
			return { ok: true, channel: 'sms', e164: number.e164 } as const;
		}
		const { text } = smsText({ kind: 'text_link', payload }, row.language, { origin: r.origin });
		const href = `https://wa.me/${waDigits(number.e164)}?text=${encodeURIComponent(text)}`;
		return { ok: true, channel: 'whatsapp', e164: number.e164, href } as const;
	});
}
