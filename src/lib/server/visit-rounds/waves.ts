/**
 * The admin's invitation to every family of a round, and the nudge to those who have not
 * answered. Each family with an address gets a fresh e-mail link (the printed one keeps
 * working) in one transaction with its messages; families without an address are counted and
 * listed, for a printed letter instead.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../db';
import { mailWave, outbox, school, visitRound } from '../db/schema';
import { issueFamilyLink } from '../families/links';
import { familiesInRound } from '../families/overview';
import { recordAudit } from '../audit/record';
import type { LinkPayload } from '../mail/payloads';
import { distinctRecipients } from '../mail/address';
import { enqueue, type Envelope } from '../mail/outbox';
import { transaction } from '../db/transaction';

export type WaveKind = 'invitation' | 'nudge';

interface Target {
	family_id: string;
	language: string;
	guardians: { name: string; email: string | null }[] | null;
}

/** Families the wave is for: all of the round, or (a nudge) those without an answer yet. */
function targets(db: Database, schoolId: string, roundId: string, kind: WaveKind) {
	const unanswered =
		kind === 'nudge'
			? sql`and not exists (select 1 from booking b where b.family_id = f.id and b.round_id = ${roundId} and b.status <> 'cancelled')`
			: sql``;
	return db.execute(sql`
		select f.id as family_id, f.language,
			(select json_agg(json_build_object('name', g.name, 'email', g.email) order by g.created_at) from guardian g where g.family_id = f.id) as guardians
		from family f
		where f.school_id = ${schoolId} and f.id in (${familiesInRound(roundId)}) ${unanswered}
		order by f.id`);
}

export async function countWaveTargets(
	db: Database,
	schoolId: string,
	roundId: string,
	kind: WaveKind
) {
	const rows = rowsOf<Target>(await targets(db, schoolId, roundId, kind));
	const withEmail = rows.filter((r) => r.guardians?.some((g) => g.email)).length;
	return { families: withEmail, withoutEmail: rows.length - withEmail };
}

export type WaveResult =
	| { ok: true; waveId: string; families: number; withoutEmail: number }
	| { ok: false; reason: 'not_found' | 'nobody' };

export async function sendWave(
	db: Database,
	schoolId: string,
	roundId: string,
	kind: WaveKind,
	actorId: string,
	now: Date
): Promise<WaveResult> {
	const [round] = await db
		.select({
			name: visitRound.name,
			closesAt: visitRound.bookingClosesAt,
			schoolName: school.name,
			timeZone: school.timeZone
		})
		.from(visitRound)
		.innerJoin(school, eq(school.id, visitRound.schoolId))
		.where(and(eq(visitRound.id, roundId), eq(visitRound.schoolId, schoolId)));
	if (!round) return { ok: false, reason: 'not_found' };
	return transaction(db, async (tx) => {
		const rows = rowsOf<Target>(await targets(tx, schoolId, roundId, kind));
		const reachable = rows.filter((r) => r.guardians?.some((g) => g.email));
		if (reachable.length === 0) return { ok: false, reason: 'nobody' } as const;
		const [wave] = await tx
			.insert(mailWave)
			.values({
				schoolId,
				roundId,
				kind,
				createdBy: actorId,
				families: reachable.length,
				withoutEmail: rows.length - reachable.length,
				createdAt: now
			})
			.returning({ id: mailWave.id });
		const messages: (Envelope & { payload: LinkPayload })[] = [];
		for (const target of reachable) {
			const token = await issueFamilyLink(tx, target.family_id, roundId, now, 'email');
			const payload: LinkPayload = {
				schoolName: round.schoolName,
				roundName: round.name,
				path: `/f/${token}`,
				closesAt: round.closesAt.toISOString(),
				timeZone: round.timeZone
			};
			for (const g of distinctRecipients(target.guardians ?? [])) {
				messages.push({
					schoolId,
					toAddress: g.email,
					toName: g.name,
					language: target.language,
					payload,
					waveId: wave!.id,
					familyId: target.family_id,
					roundId
				});
			}
		}
		await enqueue(tx, kind, messages, { now });
		await recordAudit(tx, {
			schoolId,
			actorKind: 'staff',
			actorId,
			action: `mail.${kind}_wave`,
			subjectType: 'visit_round',
			subjectId: roundId,
			detail: { families: reachable.length, withoutEmail: rows.length - reachable.length }
		});
		return {
			ok: true,
			waveId: wave!.id,
			families: reachable.length,
			withoutEmail: rows.length - reachable.length
		} as const;
	});
}

export async function wavesOfRound(db: Database, schoolId: string, roundId: string) {
	const waves = await db
		.select()
		.from(mailWave)
		.where(and(eq(mailWave.schoolId, schoolId), eq(mailWave.roundId, roundId)))
		.orderBy(desc(mailWave.createdAt));
	return Promise.all(waves.map(async (w) => ({ ...w, progress: await waveProgress(db, w.id) })));
}

export async function waveProgress(db: Database, waveId: string) {
	const rows = await db
		.select({ status: outbox.status, n: sql<number>`count(*)::int` })
		.from(outbox)
		.where(eq(outbox.waveId, waveId))
		.groupBy(outbox.status);
	const count = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
	const total = rows.reduce((sum, r) => sum + r.n, 0);
	return {
		total,
		sent: count('sent'),
		pending: count('pending'),
		failed: count('failed') + count('skipped')
	};
}

export async function findWave(db: Database, schoolId: string, roundId: string, waveId: string) {
	const [wave] = await db
		.select()
		.from(mailWave)
		.where(
			and(eq(mailWave.id, waveId), eq(mailWave.schoolId, schoolId), eq(mailWave.roundId, roundId))
		);
	return wave ? { ...wave, progress: await waveProgress(db, wave.id) } : null;
}
