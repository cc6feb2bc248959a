/**
 * A pupil number twice in one file. Exports do this: a pupil listed once per class list, a row
 * pasted twice while tidying in Excel. When the rows say the same, the second is skipped and
 * the office is told which lines went; one stray copy must not stop a school's whole import.
 *
 * When they differ (another group, another parent's address) the file contradicts itself, and
 * only the office knows which row is right. Nothing is imported until each such pupil has a
 * choice of row (`keep`: line numbers from the preview's form); the other way out is to fix
 * the file in the pupil administration and upload it again. We never pick a row ourselves: the
 * later line is not the newer fact, and a guess would put a child in the wrong family.
 */
import type { RosterField } from './mapping';
import type { RosterRecord } from './records';

export interface SkippedDuplicate {
	line: number;
	/** The earlier line it repeats, which is imported. */
	sameAs: number;
}

export interface Conflict {
	pupilNumber: string;
	/** Each different version once, at its first line, in file order. */
	rows: RosterRecord[];
	/** The fields in which the versions differ. */
	fields: RosterField[];
	/** The line the office chose, if it chose one of these. */
	chosen: number | null;
}

export interface SettledRecords {
	/** One record per pupil number; a conflict without a choice gives none. */
	records: RosterRecord[];
	duplicates: SkippedDuplicate[];
	conflicts: Conflict[];
}

/** A record as the columns it came from, to compare versions and name what differs. */
export function fieldValues(r: RosterRecord): Record<RosterField, string> {
	const [g1, g2] = r.guardians;
	return {
		pupilNumber: r.pupilNumber,
		firstName: r.firstName,
		infix: r.infix,
		lastName: r.lastName,
		group: r.group,
		birthDate: r.birthDate ?? '',
		isNew: r.isNew ? 'ja' : 'nee',
		guardian1Name: g1?.name ?? '',
		guardian1Email: g1?.email ?? '',
		guardian1Phone: g1?.phone ?? '',
		guardian1Relation: g1?.relation ?? '',
		guardian2Name: g2?.name ?? '',
		guardian2Email: g2?.email ?? '',
		guardian2Phone: g2?.phone ?? '',
		guardian2Relation: g2?.relation ?? '',
		street: r.street,
		postalCode: r.postalCode,
		city: r.city,
		homeLanguage: r.language
	};
}

const sameness = (r: RosterRecord) => JSON.stringify(fieldValues(r));

export function settleDuplicates(
	records: RosterRecord[],
	keep: ReadonlySet<number>
): SettledRecords {
	const byNumber = new Map<string, RosterRecord[]>();
	for (const r of records) byNumber.set(r.pupilNumber, [...(byNumber.get(r.pupilNumber) ?? []), r]);

	const duplicates: SkippedDuplicate[] = [];
	const conflicts: Conflict[] = [];
	// The pupil number's record to import, at the place of its first line.
	const chosen = new Map<string, RosterRecord | null>();
	for (const [pupilNumber, rows] of byNumber) {
		const versions = new Map<string, RosterRecord>();
		for (const r of rows) {
			const key = sameness(r);
			const first = versions.get(key);
			if (first) duplicates.push({ line: r.line, sameAs: first.line });
			else versions.set(key, r);
		}
		const distinct = [...versions.values()];
		if (distinct.length === 1) {
			chosen.set(pupilNumber, distinct[0]!);
			continue;
		}
		const values = distinct.map(fieldValues);
		const fields = (Object.keys(values[0]!) as RosterField[]).filter((f) =>
			values.some((v) => v[f] !== values[0]![f])
		);
		const pick = distinct.find((r) => keep.has(r.line)) ?? null;
		conflicts.push({ pupilNumber, rows: distinct, fields, chosen: pick?.line ?? null });
		chosen.set(pupilNumber, pick);
	}
	const settled = records.filter((r) => chosen.get(r.pupilNumber) === r);
	duplicates.sort((a, b) => a.line - b.line);
	return { records: settled, duplicates, conflicts };
}

/** The office's choices from a form or query string: `keep` = a line number, once per conflict. */
export function keptLines(values: string[]): Set<number> {
	return new Set(values.map(Number).filter((line) => Number.isSafeInteger(line) && line >= 2));
}
