/**
 * Siblings make one family and one visit. Two pupils belong together when they share a
 * guardian's e-mail address or their home address (street with number, and postal code).
 */
import type { RosterRecord } from './records';

const addressKey = (r: RosterRecord) => {
	const street = r.street.toLowerCase().replace(/\s+/g, ' ').trim();
	const postal = r.postalCode.replace(/\s+/g, '').toUpperCase();
	return street && postal ? `address:${street}|${postal}` : null;
};

export function clusterFamilies(records: RosterRecord[]): RosterRecord[][] {
	const parent = records.map((_, i) => i);
	const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
	const owner = new Map<string, number>();
	records.forEach((record, i) => {
		const keys = [
			...record.guardians.map((g) => (g.email ? `email:${g.email}` : null)),
			addressKey(record)
		].filter((k): k is string => k !== null);
		for (const key of keys) {
			const other = owner.get(key);
			if (other === undefined) owner.set(key, i);
			else parent[find(i)] = find(other);
		}
	});
	const clusters = new Map<number, RosterRecord[]>();
	records.forEach((record, i) => {
		const root = find(i);
		clusters.set(root, [...(clusters.get(root) ?? []), record]);
	});
	return [...clusters.values()];
}

/** The child whose teacher visits: the oldest (earliest birth date; unknown dates last). */
export function oldestChild(children: RosterRecord[]): RosterRecord {
	return [...children].sort((a, b) =>
		(a.birthDate ?? '9999').localeCompare(b.birthDate ?? '9999')
	)[0]!;
}
