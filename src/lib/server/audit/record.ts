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
