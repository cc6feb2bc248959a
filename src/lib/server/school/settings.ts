/**
 * The school's own details, as the office keeps them: name, address and phone (on letters and
 * the parents' pages), the mail sender name and reply-to, and whether staff calendar invites
 * may name children, and its time zone. Changes are audited (which fields, not their values).
 */
import { eq } from 'drizzle-orm';
import type { FormErrors, FormRead } from '../../forms';
import type { Database } from '../db';
import { school } from '../db/schema';
import { field, isEmail, singleLine } from '../forms';
import { recordAudit } from '../audit/record';

export interface SchoolSettings {
	name: string;
	street: string;
	postalCode: string;
	city: string;
	phone: string;
	mailFromName: string;
	replyTo: string;
	staffInviteDetails: boolean;
	/** Whether a family whose interpreter is arranged is told the interpreter's name. */
	interpreterNameToFamilies: boolean;
	/** Every date and time of the school is on this clock: the Netherlands' or Belgium's. */
	timeZone: SchoolTimeZone;
}

/** The clocks of the schools the portal is for; both have the same rules today, but a school says which it keeps. */
export const schoolTimeZones = ['Europe/Amsterdam', 'Europe/Brussels'] as const;
export type SchoolTimeZone = (typeof schoolTimeZones)[number];
const isSchoolTimeZone = (zone: string): zone is SchoolTimeZone =>
	(schoolTimeZones as readonly string[]).includes(zone);

/** The longest each text may be: a refused form says so instead of cutting the text (the page gives the number to "at most {{max}}"). */
export const SCHOOL_FIELD_MAX: Record<
	Exclude<keyof SchoolSettings, 'staffInviteDetails' | 'interpreterNameToFamilies' | 'timeZone'>,
	number
> = {
	name: 200,
	street: 200,
	postalCode: 20,
	city: 100,
	phone: 40,
	mailFromName: 100,
	replyTo: 254
};

export async function schoolSettings(db: Database, schoolId: string): Promise<SchoolSettings> {
	const [row] = await db
		.select({
			name: school.name,
			street: school.street,
			postalCode: school.postalCode,
			city: school.city,
			phone: school.phone,
			mailFromName: school.mailFromName,
			replyTo: school.replyTo,
			staffInviteDetails: school.staffInviteDetails,
			interpreterNameToFamilies: school.interpreterNameToFamilies,
			timeZone: school.timeZone
		})
		.from(school)
		.where(eq(school.id, schoolId));
	if (!row) throw new Error('school not found');
	return {
		...row,
		mailFromName: row.mailFromName ?? '',
		replyTo: row.replyTo ?? '',
		timeZone: isSchoolTimeZone(row.timeZone) ? row.timeZone : 'Europe/Amsterdam'
	};
}

export function readSchoolForm(
	form: FormData
): FormRead<SchoolSettings, SchoolSettings, keyof SchoolSettings> {
	const text = (name: keyof typeof SCHOOL_FIELD_MAX) =>
		singleLine(field(form, name)).slice(0, SCHOOL_FIELD_MAX[name] * 2);
	const values: SchoolSettings = {
		name: text('name'),
		street: text('street'),
		postalCode: text('postalCode'),
		city: text('city'),
		phone: text('phone'),
		mailFromName: text('mailFromName'),
		replyTo: text('replyTo').toLowerCase(),
		staffInviteDetails: field(form, 'staffInviteDetails') === 'yes',
		interpreterNameToFamilies: field(form, 'interpreterNameToFamilies') === 'yes',
		timeZone: isSchoolTimeZone(field(form, 'timeZone'))
			? (field(form, 'timeZone') as SchoolTimeZone)
			: 'Europe/Amsterdam'
	};
	const errors: FormErrors<keyof SchoolSettings> = {};
	for (const [name, max] of Object.entries(SCHOOL_FIELD_MAX) as [
		keyof typeof SCHOOL_FIELD_MAX,
		number
	][]) {
		if (values[name].length > max) errors[name] = 'school_settings.errors.too_long';
	}
	if (!values.name || values.name.length > SCHOOL_FIELD_MAX.name)
		errors.name = 'school_settings.errors.name';
	if (values.replyTo && !errors.replyTo && !isEmail(values.replyTo))
		errors.replyTo = 'school_settings.errors.reply_to';
	if (!isSchoolTimeZone(field(form, 'timeZone')))
		errors.timeZone = 'school_settings.errors.time_zone';
	return Object.keys(errors).length > 0
		? { ok: false, errors, values }
		: { ok: true, value: values, values };
}

export async function saveSchoolSettings(
	db: Database,
	schoolId: string,
	actorId: string,
	values: SchoolSettings
): Promise<void> {
	const before = await schoolSettings(db, schoolId);
	await db
		.update(school)
		.set({ ...values, mailFromName: values.mailFromName || null, replyTo: values.replyTo || null })
		.where(eq(school.id, schoolId));
	const changed = (Object.keys(values) as (keyof SchoolSettings)[]).filter(
		(k) => values[k] !== before[k]
	);
	await recordAudit(db, {
		schoolId,
		actorKind: 'staff',
		actorId,
		action: 'school.settings_changed',
		subjectType: 'school',
		subjectId: schoolId,
		detail: { fields: changed.join(',') }
	});
}
