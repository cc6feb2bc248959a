/**
 * Writing a visit report: one per booking, enforced by the unique index, so a double submit
 * updates. A report that asks for follow-up tells the care coordinator or the director by
 * mail, in the same transaction (once per report and person).
 */
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { school, staff, visitReport } from '../db/schema';
import { recordAudit } from '../audit/record';
import type { Viewer } from '../auth/policy';
import { enqueue } from '../mail/outbox';
import type { ReportInput } from './form';
import type { VisitForReport } from './visit';
import { transaction } from '../db/transaction';

export async function saveReport(
	db: Database,
	me: Viewer,
	visit: VisitForReport,
	input: ReportInput,
	now: Date
): Promise<string | null> {
	return transaction(db, async (tx) => {
		const [saved] = visit.bookingId
			? await upsertForBooking(tx, me, visit, visit.bookingId, input, now)
			: // A kept report (its booking removed by retention) is corrected in place.
				await tx
					.update(visitReport)
					.set({ ...input, writtenBy: me.id, updatedAt: now })
					.where(
						and(
							eq(visitReport.id, visit.report!.id),
							eq(visitReport.schoolId, me.schoolId),
							isNull(visitReport.bookingId)
						)
					)
					.returning({ id: visitReport.id, createdAt: visitReport.createdAt });
		// Retention removed the kept report between the form's loading and its saving.
		if (!saved) return null;
		await recordAudit(tx, {
			schoolId: me.schoolId,
			actorKind: 'staff',
			actorId: me.id,
			action: saved.createdAt.getTime() === now.getTime() ? 'report.written' : 'report.updated',
			subjectType: 'visit_report',
			subjectId: saved.id,
			detail: { held: input.held, followUp: input.followUp }
		});
		if (input.followUp !== 'none') await queueFollowUp(tx, me, visit, saved.id, input, now);
		return saved.id;
	});
}

function upsertForBooking(
	tx: Database,
	me: Viewer,
	visit: VisitForReport,
	bookingId: string,
	input: ReportInput,
	now: Date
) {
	return tx
		.insert(visitReport)
		.values({
			schoolId: me.schoolId,
			roundId: visit.roundId,
			bookingId,
			familyId: visit.familyId,
			...input,
			writtenBy: me.id,
			createdAt: now,
			updatedAt: now
		})
		.onConflictDoUpdate({
			target: visitReport.bookingId,
			targetWhere: sql`${visitReport.bookingId} is not null`,
			set: { ...input, writtenBy: me.id, updatedAt: now }
		})
		.returning({ id: visitReport.id, createdAt: visitReport.createdAt });
}

async function queueFollowUp(
	tx: Database,
	me: Viewer,
	visit: VisitForReport,
	reportId: string,
	input: ReportInput,
	now: Date
) {
	const people = await tx
		.select({ id: staff.id, name: staff.name, email: staff.email, language: staff.language })
		.from(staff)
		.where(
			and(
				eq(staff.schoolId, me.schoolId),
				eq(staff.active, true),
				eq(staff.title, input.followUp as 'care_coordinator' | 'director'),
				ne(staff.id, me.id)
			)
		);
	if (people.length === 0) return;
	const [writer] = await tx.select({ name: staff.name }).from(staff).where(eq(staff.id, me.id));
	const [s] = await tx
		.select({ name: school.name, timeZone: school.timeZone })
		.from(school)
		.where(eq(school.id, me.schoolId));
	const groups = [...new Set(visit.children.map((c) => c.group).filter(Boolean))].join(', ');
	const payload = {
		schoolName: s!.name,
		writer: writer?.name ?? '',
		heldAt: input.heldAt.toISOString(),
		timeZone: s!.timeZone,
		groups,
		reportPath: `/staff/reports/${visit.bookingId ?? reportId}`
	};
	await enqueue(
		tx,
		'report_follow_up',
		people.map((p) => ({
			schoolId: me.schoolId,
			toAddress: p.email,
			toName: p.name,
			language: p.language,
			payload,
			bookingId: visit.bookingId,
			familyId: visit.familyId,
			roundId: visit.roundId,
			// Saving the report again, or switching follow-up off and on, does not mail twice.
			dedupeKey: `follow_up:${reportId}:${input.followUp}:${p.id}`
		})),
		{ now, once: true }
	);
}
