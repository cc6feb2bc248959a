/** A school's neutral places: where parents who prefer not to meet at home or at school can meet. */
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { neutralPlace } from '../db/schema';
import { isUuid, multiLine, singleLine } from '../forms';

export interface PlaceInput {
	name: string;
	address: string;
	accessibility: string;
}

export type PlaceProblem = 'name_required' | 'address_required' | 'too_long';

function clean(
	input: PlaceInput
): { ok: true; value: PlaceInput } | { ok: false; problem: PlaceProblem } {
	const value = {
		name: singleLine(input.name),
		address: singleLine(input.address),
		accessibility: multiLine(input.accessibility)
	};
	if (!value.name) return { ok: false, problem: 'name_required' };
	if (!value.address) return { ok: false, problem: 'address_required' };
	if (value.name.length > 120 || value.address.length > 200 || value.accessibility.length > 500)
		return { ok: false, problem: 'too_long' };
	return { ok: true, value };
}

export async function listPlaces(db: Database, schoolId: string) {
	return db
		.select({
			id: neutralPlace.id,
			name: neutralPlace.name,
			address: neutralPlace.address,
			accessibility: neutralPlace.accessibility,
			active: neutralPlace.active
		})
		.from(neutralPlace)
		.where(eq(neutralPlace.schoolId, schoolId))
		.orderBy(asc(neutralPlace.name));
}

export async function addPlace(db: Database, schoolId: string, input: PlaceInput) {
	const cleaned = clean(input);
	if (!cleaned.ok) return cleaned;
	const [row] = await db
		.insert(neutralPlace)
		.values({ schoolId, ...cleaned.value })
		.returning({ id: neutralPlace.id });
	return { ok: true as const, id: row!.id };
}

export async function updatePlace(
	db: Database,
	schoolId: string,
	id: string,
	input: PlaceInput & { active: boolean }
) {
	const cleaned = clean(input);
	if (!cleaned.ok) return cleaned;
	if (!isUuid(id)) return { ok: false as const, problem: 'not_found' as const };
	const rows = await db
		.update(neutralPlace)
		.set({ ...cleaned.value, active: input.active })
		.where(and(eq(neutralPlace.id, id), eq(neutralPlace.schoolId, schoolId)))
		.returning({ id: neutralPlace.id });
	return rows.length
		? { ok: true as const, id }
		: { ok: false as const, problem: 'not_found' as const };
}
