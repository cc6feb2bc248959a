import { and, eq, gt, lt } from 'drizzle-orm';
import { isUuid } from '../forms';
import type { Database } from '../db';
import { rosterUpload } from '../db/schema';
import type { ImportReport } from './import';

const DAY = 86_400_000;

/** Uploads hold children's data: they go once expired. Returns how many went. */
export async function deleteExpiredUploads(db: Database, now: Date): Promise<number> {
	return (
		await db
			.delete(rosterUpload)
			.where(lt(rosterUpload.expiresAt, now))
			.returning({ id: rosterUpload.id })
	).length;
}

export async function saveUpload(
	db: Database,
	schoolId: string,
	staffId: string,
	fileName: string,
	content: Uint8Array,
	now = new Date()
): Promise<string> {
	await deleteExpiredUploads(db, now);
	const [row] = await db
		.insert(rosterUpload)
		.values({
			schoolId,
			staffId,
			fileName: fileName.slice(0, 200),
			content,
			createdAt: now,
			expiresAt: new Date(now.getTime() + DAY)
		})
		.returning({ id: rosterUpload.id });
	return row!.id;
}

/** The upload, if it is this school's and not expired. */
export async function findUpload(db: Database, schoolId: string, id: string, now = new Date()) {
	if (!isUuid(id)) return null;
	const [row] = await db
		.select({
			id: rosterUpload.id,
			fileName: rosterUpload.fileName,
			content: rosterUpload.content,
			report: rosterUpload.report
		})
		.from(rosterUpload)
		.where(
			and(
				eq(rosterUpload.id, id),
				eq(rosterUpload.schoolId, schoolId),
				gt(rosterUpload.expiresAt, now)
			)
		);
	return row ?? null;
}

/** After the import: the file's content goes at once, the report stays for the rest of the day. */
export async function markImported(db: Database, id: string, report: ImportReport): Promise<void> {
	await db
		.update(rosterUpload)
		.set({ content: new Uint8Array(), report })
		.where(eq(rosterUpload.id, id));
}
