/**
 * Reading the report form. Too long is refused with a message, never cut short: a teacher's
 * text is not shortened behind her back. Staff and parents can only be chosen from the lists
 * the form offered, so a tampered form cannot write other names into the pupil file.
 */
import type { FormErrors, FormRead } from '../../forms';
import { field, isUuid, multiLine, singleLine } from '../forms';
import { fromWallTime, isDate, TIME_PATTERN } from '../time/zone';

export const MAIN_POINTS_MAX = 4000;
export const NAME_MAX = 200;

export const notHeldReasons = ['no_show', 'cancelled_late', 'moved'] as const;
export const interpreterKinds = ['none', 'professional', 'staff', 'family', 'other'] as const;
export const followUps = ['none', 'care_coordinator', 'director'] as const;
const locations = ['home', 'school', 'neutral'] as const;

export interface ReportInput {
	held: boolean;
	notHeldReason: (typeof notHeldReasons)[number] | null;
	heldAt: Date;
	location: (typeof locations)[number] | null;
	staffIds: string[];
	parentsPresent: string[];
	otherPresent: string;
	childPresent: boolean;
	siblingsPresent: boolean;
	interpreter: (typeof interpreterKinds)[number];
	interpreterName: string;
	mainPoints: string;
	followUp: (typeof followUps)[number];
}

/** What was typed, to fill the form again after a refusal. */
export interface ReportValues {
	held: string;
	notHeldReason: string;
	date: string;
	time: string;
	location: string;
	staffIds: string[];
	parentsPresent: string[];
	otherPresent: string;
	childPresent: boolean;
	siblingsPresent: boolean;
	interpreter: string;
	interpreterName: string;
	mainPoints: string;
	followUp: string;
}

/** `when` is the date and the time together. */
export type ReportField =
	'held' | 'notHeldReason' | 'when' | 'staff' | 'otherPresent' | 'interpreterName' | 'mainPoints';

const oneOf = <T extends string>(list: readonly T[], value: string): T | null =>
	(list as readonly string[]).includes(value) ? (value as T) : null;

export function readReportForm(
	form: FormData,
	allowed: { staffIds: string[]; parents: string[] },
	timeZone: string
): FormRead<ReportInput, ReportValues, ReportField> {
	const values: ReportValues = {
		held: field(form, 'held'),
		notHeldReason: field(form, 'notHeldReason'),
		date: field(form, 'date').trim().slice(0, 10),
		time: field(form, 'time').trim().slice(0, 5),
		location: field(form, 'location'),
		staffIds: form
			.getAll('staff')
			.filter(
				(v): v is string => typeof v === 'string' && isUuid(v) && allowed.staffIds.includes(v)
			),
		parentsPresent: form
			.getAll('parent')
			.filter((v): v is string => typeof v === 'string' && allowed.parents.includes(v)),
		otherPresent: singleLine(field(form, 'otherPresent')),
		childPresent: field(form, 'child') === 'yes',
		siblingsPresent: field(form, 'siblings') === 'yes',
		interpreter: oneOf(interpreterKinds, field(form, 'interpreter')) ?? 'none',
		interpreterName: singleLine(field(form, 'interpreterName')),
		mainPoints: multiLine(field(form, 'mainPoints')),
		followUp: oneOf(followUps, field(form, 'followUp')) ?? 'none'
	};
	const errors: FormErrors<ReportField> = {};
	if (values.held !== 'yes' && values.held !== 'no') errors.held = 'reports.errors.held';
	const notHeldReason = oneOf(notHeldReasons, values.notHeldReason);
	if (values.held === 'no' && !notHeldReason)
		errors.notHeldReason = 'reports.errors.not_held_reason';
	const heldAt =
		isDate(values.date) && TIME_PATTERN.test(values.time)
			? fromWallTime(values.date, values.time, timeZone)
			: null;
	if (!heldAt) errors.when = 'reports.errors.when';
	if (values.staffIds.length === 0) errors.staff = 'reports.errors.staff';
	if (values.otherPresent.length > NAME_MAX) errors.otherPresent = 'reports.errors.too_long_name';
	if (values.interpreterName.length > NAME_MAX)
		errors.interpreterName = 'reports.errors.too_long_name';
	if (values.mainPoints.length > MAIN_POINTS_MAX)
		errors.mainPoints = 'reports.errors.main_points_too_long';
	else if (values.held === 'yes' && values.mainPoints.length === 0)
		errors.mainPoints = 'reports.errors.main_points';
	if (Object.keys(errors).length > 0 || !heldAt) return { ok: false, errors, values };
	return {
		ok: true,
		values,
		value: {
			held: values.held === 'yes',
			notHeldReason: values.held === 'yes' ? null : notHeldReason,
			heldAt,
			location: oneOf(locations, values.location),
			staffIds: values.staffIds,
			parentsPresent: values.parentsPresent,
			otherPresent: values.otherPresent,
			childPresent: values.childPresent,
			siblingsPresent: values.siblingsPresent,
			interpreter: values.interpreter as ReportInput['interpreter'],
			interpreterName: values.interpreter === 'none' ? '' : values.interpreterName,
			mainPoints: values.mainPoints,
			followUp: values.followUp as ReportInput['followUp']
		}
	};
}
