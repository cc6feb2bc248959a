/**
 * The school's interpreters: colleagues who speak a language, volunteers and professional
 * services, with the languages they cover and how to reach them. Only the office keeps the list.
 * An interpreter named by a request is never deleted (the foreign key restricts it): retired.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { interpreter, interpreterRequest, staff } from '../db/schema';
import { isEmail, isUuid, singleLine } from '../forms';
import { parentLanguages } from '../../i18n/languages';
import { interpreterLanguages } from '../booking/choices';

export const interpreterSources = ['staff', 'volunteer', 'service'] as const;
export type InterpreterSource = (typeof interpreterSources)[number];

export interface InterpreterInput {
	name: string;
	kind: string;
	languages: string[];
	phone: string;
	email: string;
	mailLanguage: string;
	staffId: string;
	active: boolean;
}

export type InterpreterField = 'name' | 'kind' | 'languages' | 'phone' | 'email' | 'staffId';
export type InterpreterProblem =
	| 'name_required'
	| 'name_too_long'
	| 'kind_unknown'
	| 'languages_required'
	| 'phone_too_long'
	| 'email_invalid'
	| 'contact_required'
	| 'staff_unknown';

export const NAME_MAX = 120;
const PHONE_MAX = 40;

/** The input cleaned, or the first problem per field. */
export async function readInterpreter(db: Database, schoolId: string, input: InterpreterInput) {
	const value = {
		name: singleLine(input.name),
		kind: input.kind as InterpreterSource,
		languages: [...new Set(input.languages)].filter((l) =>
			(interpreterLanguages as readonly string[]).includes(l)
		),
		phone: singleLine(input.phone),
		email: singleLine(input.email).toLowerCase(),
		mailLanguage: parentLanguages.includes(input.mailLanguage) ? input.mailLanguage : 'nl',
		staffId: input.kind === 'staff' && isUuid(input.staffId) ? input.staffId : null,
		active: input.active
	};
	const errors: Partial<Record<InterpreterField, InterpreterProblem>> = {};
	if (!value.name) errors.name = 'name_required';
	else if (value.name.length > NAME_MAX) errors.name = 'name_too_long';
	if (!(interpreterSources as readonly string[]).includes(value.kind)) errors.kind = 'kind_unknown';
	if (value.languages.length === 0) errors.languages = 'languages_required';
	if (value.phone.length > PHONE_MAX) errors.phone = 'phone_too_long';
	if (value.email && !isEmail(value.email)) errors.email = 'email_invalid';
	if (value.staffId) {
		const [colleague] = await db
			.select({ id: staff.id })
			.from(staff)
			.where(and(eq(staff.id, value.staffId), eq(staff.schoolId, schoolId)));
		if (!colleague) errors.staffId = 'staff_unknown';
	}
	// Someone the office cannot reach cannot be arranged: a phone, an address or a colleague's account.
	if (!value.phone && !value.email && !value.staffId && !errors.phone && !errors.email)
		errors.phone = 'contact_required';
	return Object.keys(errors).length > 0
		? ({ ok: false, errors } as const)
		: ({ ok: true, value } as const);
}

export async function addInterpreter(db: Database, schoolId: string, input: InterpreterInput) {
	const read = await readInterpreter(db, schoolId, input);
	if (!read.ok) return read;
	const [row] = await db
		.insert(interpreter)
		.values({
			schoolId,
			...read.value,
			email: read.value.email || null,
			phone: read.value.phone || null
		})
		.returning({ id: interpreter.id });
	return { ok: true as const, id: row!.id };
}

export async function updateInterpreter(
	db: Database,
	schoolId: string,
	id: string,
	input: InterpreterInput
) {
	if (!isUuid(id)) return { ok: false as const, errors: {}, notFound: true as const };
	const read = await readInterpreter(db, schoolId, input);
	if (!read.ok) return read;
	const rows = await db
		.update(interpreter)
		.set({ ...read.value, email: read.value.email || null, phone: read.value.phone || null })
		.where(and(eq(interpreter.id, id), eq(interpreter.schoolId, schoolId)))
		.returning({ id: interpreter.id });
	return rows.length
		? { ok: true as const, id }
		: { ok: false as const, errors: {}, notFound: true as const };
}

/** The school's interpreters, active first, with how many visits they are arranged for from `now`. */
export async function listInterpreters(db: Database, schoolId: string, now: Date) {
	return db
		.select({
			id: interpreter.id,
			name: interpreter.name,
			kind: interpreter.kind,
			languages: interpreter.languages,
			phone: interpreter.phone,
			email: interpreter.email,
			mailLanguage: interpreter.mailLanguage,
			staffId: interpreter.staffId,
			staffName: staff.name,
			active: interpreter.active,
			upcoming: sql<number>`(select count(*)::int from ${interpreterRequest} r
				where r.interpreter_id = ${interpreter.id} and r.status = 'arranged' and r.starts_at >= ${now.toISOString()}::timestamptz)`
		})
		.from(interpreter)
		.leftJoin(staff, eq(staff.id, interpreter.staffId))
		.where(eq(interpreter.schoolId, schoolId))
		.orderBy(sql`${interpreter.active} desc`, asc(interpreter.name));
}

/** Retires someone (no longer offered for new requests) or brings them back; never deletes. */
export async function setInterpreterActive(
	db: Database,
	schoolId: string,
	id: string,
	active: boolean
): Promise<boolean> {
	if (!isUuid(id)) return false;
	const rows = await db
		.update(interpreter)
		.set({ active })
		.where(and(eq(interpreter.id, id), eq(interpreter.schoolId, schoolId)))
		.returning({ id: interpreter.id });
	return rows.length > 0;
}
