/** Writing a visit report: one per booking, enforced by the unique index, so a double submit updates. */
import { sql } from 'drizzle-orm';
import type { Database } from '../db';
import { visitReport } from '../db/schema';
import { recordAudit } from '../audit/record';
import type { Reader } from './access';
import type { ReportInput } from './form';
import type { VisitForReport } from './visit';

export async function saveReport(db: Database, me: Reader, visit: VisitForReport, input: ReportInput, now: Date): Promise<string> {
	return db.transaction(async (tx) => {
		const [saved] = await tx
			.insert(visitReport)
			.values({ schoolId: me.schoolId, roundId: visit.roundId, bookingId: visit.bookingId, familyId: visit.familyId, ...input, writtenBy: me.id, createdAt: now, updatedAt: now })
			.onConflictDoUpdate({
				target: visitReport.bookingId,
				targetWhere: sql`${visitReport.bookingId} is not null`,
				set: { ...input, writtenBy: me.id, updatedAt: now }
			})
			.returning({ id: visitReport.id, createdAt: visitReport.createdAt });
		await recordAudit(tx, {
			schoolId: me.schoolId,
			actorKind: 'staff',
			actorId: me.id,
			action: saved!.createdAt.getTime() === now.getTime() ? 'report.written' : 'report.updated',
			subjectType: 'visit_report',
			subjectId: saved!.id,
			detail: { held: input.held, followUp: input.followUp }
		});
		return saved!.id;
	});
}
