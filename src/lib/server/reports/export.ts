/**
 * Reports out of the portal and into the pupil administration (ParnasSys): a CSV per group,
 * one row per pupil, and a text block per pupil to paste into the pupil file. A family with
 * two children in the group gives two rows: the pupil file is per child.
 */
import { sql } from 'drizzle-orm';
import { jsonOf, rowsOf, type Database } from '../db';
import { isUuid } from '../forms';
import { toCsv } from '../families/csv';
import { toWallTime } from '../time/zone';
import { reportReadableSql, type Viewer } from '../auth/policy';
import { draftOf, type ReportDraft } from './visit';
import { fullNameSql } from '../roster/names';
import type { Translate } from '../../i18n/translator';

export interface PupilReport {
	pupilNumber: string;
	pupilName: string;
	firstName: string;
	groupName: string;
	staffNames: string[];
	report: ReportDraft;
}

export async function reportsForGroup(
	db: Database,
	me: Viewer,
	roundId: string,
	groupId: string
): Promise<PupilReport[]> {
	if (!isUuid(roundId) || !isUuid(groupId)) return [];
	const rows = rowsOf<Record<string, unknown>>(
		await db.execute(sql`
			select vr.*, p.pupil_number, p.first_name as pupil_first_name,
				${fullNameSql('p')} as pupil_name, sg.name as group_name,
				(select json_agg(st.name order by st.name) from staff st where st.id = any(vr.staff_ids)) as staff_names
			from visit_report vr
			join pupil p on p.family_id = vr.family_id and p.group_id = ${groupId}
			join school_group sg on sg.id = p.group_id and sg.school_id = ${me.schoolId}
			-- A report outlives its booking (retention): then only what the report names counts.
			left join booking rb on rb.id = vr.booking_id
			left join slot rs on rs.id = rb.slot_id
			where vr.round_id = ${roundId}
			  and ${reportReadableSql(me, { schoolId: sql`vr.school_id`, slotStaffId: sql`rs.staff_id`, secondStaffId: sql`rs.second_staff_id`, reportStaffIds: sql`vr.staff_ids` })}
			order by p.last_name, p.first_name, p.pupil_number`)
	);
	return rows.map((r) => ({
		pupilNumber: r.pupil_number as string,
		pupilName: r.pupil_name as string,
		firstName: r.pupil_first_name as string,
		groupName: r.group_name as string,
		staffNames: jsonOf<string[]>(r.staff_names) ?? [],
		report: draftOf(r)
	}));
}

/** Who was there, in one line: parents by name, the child, siblings, the interpreter. */
export function attendeesLine(row: PupilReport, t: Translate): string {
	const r = row.report;
	const parts = [...r.parentsPresent];
	if (r.otherPresent) parts.push(r.otherPresent);
	if (r.childPresent) parts.push(t('reports.text.child', { name: row.firstName }));
	if (r.siblingsPresent) parts.push(t('reports.text.siblings'));
	if (r.interpreter !== 'none')
		parts.push(
			t('reports.text.interpreter', {
				kind: t(`reports.text.interpreter_kind.${r.interpreter}`),
				name: r.interpreterName || '–'
			})
		);
	return parts.join(', ');
}

function when(r: ReportDraft, timeZone: string) {
	const wall = toWallTime(r.heldAt, timeZone);
	// Dutch Excel reads dd-mm-jjjj as a date.
	return {
		date: `${wall.date.slice(8, 10)}-${wall.date.slice(5, 7)}-${wall.date.slice(0, 4)}`,
		time: wall.time
	};
}

function heldLine(r: ReportDraft, t: Translate): string {
	return r.held
		? t('reports.text.held')
		: t('reports.text.not_held', { reason: t(`reports.not_held.${r.notHeldReason ?? 'no_show'}`) });
}

export function reportsCsv(rows: PupilReport[], t: Translate, timeZone: string): string {
	const header = (
		[
			'pupil_number',
			'pupil',
			'group',
			'date',
			'time',
			'held',
			'place',
			'staff',
			'attendees',
			'main_points',
			'follow_up'
		] as const
	).map((k) => t(`reports.csv.${k}`));
	const body = rows.map((row) => {
		const r = row.report;
		const at = when(r, timeZone);
		return [
			row.pupilNumber,
			row.pupilName,
			row.groupName,
			at.date,
			at.time,
			r.held
				? t('reports.csv.yes')
				: t('reports.csv.no', { reason: t(`reports.not_held.${r.notHeldReason ?? 'no_show'}`) }),
			r.location ? t(`families.place.${r.location}`) : '',
			row.staffNames.join(', '),
			attendeesLine(row, t),
			r.mainPoints,
			t(`reports.follow_up.${r.followUp}`)
		];
	});
	return toCsv([header, ...body]);
}

/** Plain text for the pupil file, in the reader's language (the pupil file is kept in Dutch). */
export function textBlock(row: PupilReport, t: Translate, timeZone: string): string {
	const r = row.report;
	const at = when(r, timeZone);
	const lines = [
		t('reports.text.title', { date: at.date, time: at.time }) +
			(r.location ? ` (${t(`families.place.${r.location}`)})` : ''),
		heldLine(r, t),
		`${t('reports.text.staff')}: ${row.staffNames.join(', ')}`
	];
	const attendees = attendeesLine(row, t);
	if (attendees) lines.push(`${t('reports.text.attendees')}: ${attendees}`);
	if (r.mainPoints) lines.push(`${t('reports.text.main_points')}:`, r.mainPoints);
	lines.push(`${t('reports.text.follow_up')}: ${t(`reports.follow_up.${r.followUp}`)}`);
	return lines.join('\n');
}
