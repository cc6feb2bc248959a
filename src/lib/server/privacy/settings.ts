/** Reading and saving a school's retention settings; the admin's changes are audited. */
import { eq } from 'drizzle-orm';
import type { FormErrors, FormRead } from '../../forms';
import type { Database } from '../db';
import { school } from '../db/schema';
import { field } from '../forms';
import { recordAudit } from '../audit/record';
import {
	bookingRetentionChoices,
	REPORT_MONTHS_MAX,
	REPORT_MONTHS_MIN,
	SCHOOL_YEAR_END,
	type RetentionPolicy
} from './policy';

export async function retentionPolicy(db: Database, schoolId: string): Promise<RetentionPolicy> {
	const [row] = await db
		.select({
			schoolYearEnds: school.schoolYearEnds,
			bookingRetentionDays: school.bookingRetentionDays,
			reportRetentionMonths: school.reportRetentionMonths
		})
		.from(school)
		.where(eq(school.id, schoolId));
	if (!row) throw new Error('school not found');
	return row;
}

export interface PolicyValues {
	schoolYearEnds: string;
	bookings: string;
	reportMonths: string;
}

export function readPolicyForm(
	form: FormData
): FormRead<RetentionPolicy, PolicyValues, keyof PolicyValues> {
	const values: PolicyValues = {
		schoolYearEnds: field(form, 'schoolYearEnds').trim().slice(0, 10),
		bookings: field(form, 'bookings').trim().slice(0, 20),
		reportMonths: field(form, 'reportMonths').trim().slice(0, 10)
	};
	const errors: FormErrors<keyof PolicyValues> = {};
	if (!SCHOOL_YEAR_END.test(values.schoolYearEnds))
		errors.schoolYearEnds = 'privacy.errors.school_year_ends';
	const days = values.bookings === 'end_of_year' ? null : Number(values.bookings);
	if (!(bookingRetentionChoices as readonly (number | null)[]).includes(days))
		errors.bookings = 'privacy.errors.bookings';
	const months = Number(values.reportMonths);
	if (
		!/^\d+$/.test(values.reportMonths) ||
		months < REPORT_MONTHS_MIN ||
		months > REPORT_MONTHS_MAX
	)
		errors.reportMonths = 'privacy.errors.report_months';
	if (Object.keys(errors).length > 0) return { ok: false, errors, values };
	return {
		ok: true,
		value: {
			schoolYearEnds: values.schoolYearEnds,
			bookingRetentionDays: days,
			reportRetentionMonths: months
		},
		values
	};
}

export async function saveRetentionPolicy(
	db: Database,
	schoolId: string,
	actorId: string,
	policy: RetentionPolicy
): Promise<void> {
	await db.update(school).set(policy).where(eq(school.id, schoolId));
	await recordAudit(db, {
		schoolId,
		actorKind: 'staff',
		actorId,
		action: 'retention.settings_changed',
		subjectType: 'school',
		subjectId: schoolId,
		detail: { ...policy }
	});
}
