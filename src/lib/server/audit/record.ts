import type { Database } from '../db';
import { auditEvent } from '../db/schema';

export interface AuditEntry {
	schoolId: string;
	actorKind: 'staff' | 'family' | 'system';
	actorId: string | null;
	action: string;
	subjectType?: string;
	subjectId?: string;
	/** Ids, counts and codes only: never a name, an address or text a person typed. */
	detail?: Record<string, string | number | boolean | null>;
}

export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
	await db.insert(auditEvent).values(entry);
}

/** Where staff saw parents' contact details (phone, e-mail, address). */
export type ContactPage =
	'family' | 'home' | 'day_sheet' | 'week' | 'families_list' | 'not_answered' | 'school_visits';

/**
 * Every view of a family's contact details is logged, one entry per family shown, so the school
 * can answer "who looked at this family's phone number" (AVG art. 15 requests, complaints).
 */
export async function recordContactViews(
	db: Database,
	view: { schoolId: string; staffId: string; familyIds: readonly string[]; page: ContactPage }
): Promise<void> {
	if (view.familyIds.length === 0) return;
	await db.insert(auditEvent).values(
		[...new Set(view.familyIds)].map((familyId) => ({
			schoolId: view.schoolId,
			actorKind: 'staff' as const,
			actorId: view.staffId,
			action: 'family.contact_viewed',
			subjectType: 'family',
			subjectId: familyId,
			detail: { page: view.page }
		}))
	);
}
