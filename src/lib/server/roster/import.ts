/**
 * Applying a checked roster in one transaction: all rows or none. The records come settled: one
 * per pupil number (duplicates.ts); the report says which rows were skipped or chosen. A re-import finds pupils by
 * their pupil number and updates them instead of adding them twice, and says what changed.
 * Pupils missing from the new file are listed, not deleted: a file cut short must not erase a
 * school's families.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { booking, family, group, guardian, pupil } from '../db/schema';
import { fillVisitingTeachers } from '../staff/manage';
import { recordAudit } from '../audit/record';
import { clusterFamilies, oldestChild } from './families';
import type { RosterRecord, RowWarning } from './records';
import { fullName } from './names';
import { transaction } from '../db/transaction';
import { refreshStatistics } from '../db/statistics';
import type { Conflict, SkippedDuplicate } from './duplicates';

export interface ImportReport {
	pupilsCreated: number;
	pupilsUpdated: number;
	pupilsUnchanged: number;
	familiesCreated: number;
	families: number;
	groupsCreated: string[];
	/** Per updated pupil: which fields changed (names of fields, not values). */
	changes: {
		pupilNumber: string;
		name: string;
		fields: ((typeof compared)[number] | 'family')[];
	}[];
	/** In the portal but not in this file. */
	missing: { pupilNumber: string; name: string }[];
	familiesWithoutEmail: number;
	/** Addresses the mail cannot use, left out of this import (from the preview's warnings). */
	emailsLeftOut: RowWarning[];
	/** Rows that repeated an earlier row exactly, skipped (absent from reports before these). */
	duplicatesSkipped?: SkippedDuplicate[];
	/** Pupils on rows that differed, and the row the office chose. */
	conflictsSettled?: SettledConflict[];
}

export interface SettledConflict {
	pupilNumber: string;
	kept: number;
	dropped: number[];
}

/** What the preview settled about pupil numbers on more than one row. */
export interface Settled {
	duplicates: SkippedDuplicate[];
	conflicts: Conflict[];
}

const compared = ['firstName', 'infix', 'lastName', 'group', 'birthDate', 'isNew'] as const;

// Any fixed number: one import per school at a time.
const IMPORT_LOCK = 4_711_2028;

const yearOf = (name: string) => {
	const m = /^(\d)/.exec(name);
	return m ? Number(m[1]) : null;
};

export async function importRoster(
	db: Database,
	schoolId: string,
	actorId: string,
	records: RosterRecord[],
	emailsLeftOut: RowWarning[] = [],
	settled: Settled = { duplicates: [], conflicts: [] }
): Promise<ImportReport> {
	const conflictsSettled = settled.conflicts.map((c) => {
		// The caller imports only settled files: a conflict here without a choice is a bug.
		if (c.chosen === null)
			throw new Error(`conflict without a choice at lines ${c.rows.map((r) => r.line)}`);
		return {
			pupilNumber: c.pupilNumber,
			kept: c.chosen,
			dropped: c.rows.map((r) => r.line).filter((line) => line !== c.chosen)
		};
	});
	const imported = await transaction(db, async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK}, hashtext(${schoolId}))`);

		// Groups by name; new names become new groups.
		const groups = new Map(
			(
				await tx
					.select({ id: group.id, name: group.name })
					.from(group)
					.where(eq(group.schoolId, schoolId))
			).map((g) => [g.name, g.id])
		);
		const groupsCreated: string[] = [];
		for (const name of new Set(records.map((r) => r.group))) {
			if (groups.has(name)) continue;
			const [row] = await tx
				.insert(group)
				.values({ schoolId, name, year: yearOf(name) })
				.returning({ id: group.id });
			groups.set(name, row!.id);
			groupsCreated.push(name);
		}
		const groupNames = new Map([...groups].map(([name, id]) => [id, name]));

		const existing = new Map(
			(await tx.select().from(pupil).where(eq(pupil.schoolId, schoolId))).map((p) => [
				p.pupilNumber,
				p
			])
		);

		const report: ImportReport = {
			pupilsCreated: 0,
			pupilsUpdated: 0,
			pupilsUnchanged: 0,
			familiesCreated: 0,
			families: 0,
			groupsCreated,
			changes: [],
			missing: [],
			familiesWithoutEmail: 0,
			emailsLeftOut,
			duplicatesSkipped: settled.duplicates,
			conflictsSettled
		};

		for (const children of clusterFamilies(records)) {
			report.families++;
			const head = oldestChild(children);
			if (!children.some((c) => c.guardians.some((g) => g.email))) report.familiesWithoutEmail++;

			// The family these children already had, if any: the one most of them were in.
			const known = children
				.map((c) => existing.get(c.pupilNumber)?.familyId)
				.filter((id): id is string => Boolean(id));
			const counts = new Map<string, number>();
			for (const id of known) counts.set(id, (counts.get(id) ?? 0) + 1);
			let familyId = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
			const address = {
				street: head.street,
				postalCode: head.postalCode,
				city: head.city,
				language: head.language
			};
			if (familyId) {
				await tx.update(family).set(address).where(eq(family.id, familyId));
			} else {
				const [row] = await tx
					.insert(family)
					.values({ schoolId, ...address })
					.returning({ id: family.id });
				familyId = row!.id;
				report.familiesCreated++;
			}

			// The file is the truth about guardians: replace them.
			await tx.delete(guardian).where(eq(guardian.familyId, familyId));
			const guardians = new Map<string, RosterRecord['guardians'][number]>();
			for (const g of children.flatMap((c) => c.guardians))
				guardians.set((g.email ?? g.name).toLowerCase(), g);
			if (guardians.size > 0)
				await tx.insert(guardian).values(
					[...guardians.values()].map((g) => ({
						familyId: familyId!,
						name: g.name,
						email: g.email,
						phone: g.phone,
						relation: g.relation,
						language: head.language
					}))
				);

			for (const child of children) {
				const groupId = groups.get(child.group)!;
				const values = {
					familyId,
					groupId,
					firstName: child.firstName,
					infix: child.infix,
					lastName: child.lastName,
					birthDate: child.birthDate,
					isNew: child.isNew
				};
				const before = existing.get(child.pupilNumber);
				if (!before) {
					await tx.insert(pupil).values({ schoolId, pupilNumber: child.pupilNumber, ...values });
					report.pupilsCreated++;
					continue;
				}
				const was = {
					firstName: before.firstName,
					infix: before.infix,
					lastName: before.lastName,
					group: before.groupId ? groupNames.get(before.groupId) : null,
					birthDate: before.birthDate,
					isNew: before.isNew
				};
				const now = {
					firstName: child.firstName,
					infix: child.infix,
					lastName: child.lastName,
					group: child.group,
					birthDate: child.birthDate,
					isNew: child.isNew
				};
				const fields: ImportReport['changes'][number]['fields'] = compared.filter(
					(f) => was[f] !== now[f]
				);
				if (before.familyId !== familyId) fields.push('family');
				if (fields.length === 0) {
					report.pupilsUnchanged++;
					continue;
				}
				await tx.update(pupil).set(values).where(eq(pupil.id, before.id));
				report.pupilsUpdated++;
				report.changes.push({ pupilNumber: child.pupilNumber, name: fullName(child), fields });
			}
		}

		// Who visits: the teacher of the oldest child, unless the office already chose someone.
		await fillVisitingTeachers(tx, schoolId);

		const inFile = new Set(records.map((r) => r.pupilNumber));
		report.missing = [...existing.values()]
			.filter((p) => !inFile.has(p.pupilNumber))
			.map((p) => ({ pupilNumber: p.pupilNumber, name: fullName(p) }));

		// Families left without children (siblings now joined elsewhere) go, unless they have answers.
		const emptied = await tx
			.select({ id: family.id })
			.from(family)
			.where(
				and(
					eq(family.schoolId, schoolId),
					sql`not exists (select 1 from ${pupil} where ${pupil.familyId} = ${family.id})`,
					sql`not exists (select 1 from ${booking} where ${booking.familyId} = ${family.id})`
				)
			);
		if (emptied.length > 0)
			await tx.delete(family).where(
				inArray(
					family.id,
					emptied.map((f) => f.id)
				)
			);

		await recordAudit(tx, {
			schoolId,
			actorKind: 'staff',
			actorId,
			action: 'roster.imported',
			detail: {
				created: report.pupilsCreated,
				updated: report.pupilsUpdated,
				families: report.families,
				emailsLeftOut: emailsLeftOut.length,
				duplicatesSkipped: settled.duplicates.length,
				conflictsSettled: conflictsSettled.length
			}
		});
		return report;
	});
	// The import is the biggest change a school's data sees: plan the next pages with it.
	await refreshStatistics(db);
	return imported;
}
