/**
 * The office manages its team: invitations with a one-time link, groups per teacher, and
 * deactivation (which signs the person out everywhere at once). Every function is scoped to
 * one school: an id from another school is simply not found.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { group, groupTeacher, staff, staffSession } from '../db/schema';
import { attempt, transaction } from '../db/transaction';
import { mailStaffLink } from '../auth/staff-link';
import { normaliseEmail } from '../auth/sign-in';
import { recordAudit } from '../audit/record';
import { isEmail, isUuid, singleLine } from '../forms';

export const titles = ['teacher', 'intern', 'care_coordinator', 'director', 'office'] as const;
export type Title = (typeof titles)[number];

/** Office, director and care coordinator manage the school; teachers and interns do not. */
export const roleOf = (title: Title): 'admin' | 'teacher' =>
	title === 'teacher' || title === 'intern' ? 'teacher' : 'admin';

export type InviteResult =
	| { ok: true; staffId: string; token: string }
	| { ok: false; reason: 'name_required' | 'invalid_email' | 'email_taken' | 'invalid_title' };

export async function inviteStaff(
	db: Database,
	schoolId: string,
	actorId: string,
	input: { name: string; email: string; title: string },
	now: Date
): Promise<InviteResult> {
	const name = singleLine(input.name).slice(0, 120);
	const email = normaliseEmail(singleLine(input.email));
	if (!name) return { ok: false, reason: 'name_required' };
	if (!isEmail(email)) return { ok: false, reason: 'invalid_email' };
	if (!(titles as readonly string[]).includes(input.title))
		return { ok: false, reason: 'invalid_title' };
	const title = input.title as Title;
	// The person, their link and the mail with it exist together or not at all. An address in use,
	// here or at another school, gets the same answer either way.
	const result = await attempt(
		db,
		async (tx) => {
			const [row] = await tx
				.insert(staff)
				.values({ schoolId, name, email, title, role: roleOf(title) })
				.returning({ id: staff.id });
			const staffId = row!.id;
			const token = await mailStaffLink(tx, staffId, 'setup', now);
			await recordAudit(tx, {
				schoolId,
				actorKind: 'staff',
				actorId,
				action: 'staff.invited',
				subjectType: 'staff',
				subjectId: staffId,
				detail: { title }
			});
			return { staffId, token };
		},
		{ staff_email_key: 'email_taken' }
	);
	return result.ok ? { ok: true, ...result.value } : { ok: false, reason: result.problem };
}

export async function findStaffMember(db: Database, schoolId: string, staffId: string) {
	if (!isUuid(staffId)) return null;
	const [row] = await db
		.select({
			id: staff.id,
			name: staff.name,
			email: staff.email,
			title: staff.title,
			role: staff.role,
			active: staff.active,
			hasPassword: sql<boolean>`${staff.passwordHash} is not null`
		})
		.from(staff)
		.where(and(eq(staff.id, staffId), eq(staff.schoolId, schoolId)));
	if (!row) return null;
	const groups = await db
		.select({ id: groupTeacher.groupId })
		.from(groupTeacher)
		.where(eq(groupTeacher.staffId, staffId));
	return { ...row, hasPassword: Boolean(row.hasPassword), groupIds: groups.map((g) => g.id) };
}

/**
 * Families that nobody visits yet get the teacher of their oldest child: after groups are
 * assigned, or after an import into groups that had no teacher. A family the office assigned
 * by hand keeps its teacher.
 */
export async function fillVisitingTeachers(db: Database, schoolId: string): Promise<void> {
	await db.execute(sql`
		update family f set visiting_staff_id = (
			select gt.staff_id
			from pupil p
			join group_teacher gt on gt.group_id = p.group_id
			join staff s on s.id = gt.staff_id and s.active
			where p.family_id = f.id
			order by p.birth_date nulls last, s.name
			limit 1)
		where f.school_id = ${schoolId} and f.visiting_staff_id is null`);
}

export async function setGroups(
	db: Database,
	schoolId: string,
	actorId: string,
	staffId: string,
	groupIds: string[]
): Promise<boolean> {
	const person = await findStaffMember(db, schoolId, staffId);
	if (!person) return false;
	const valid = groupIds.length
		? (
				await db
					.select({ id: group.id })
					.from(group)
					.where(and(eq(group.schoolId, schoolId), inArray(group.id, groupIds.filter(isUuid))))
			).map((g) => g.id)
		: [];
	await transaction(db, async (tx) => {
		await tx.delete(groupTeacher).where(eq(groupTeacher.staffId, staffId));
		if (valid.length)
			await tx.insert(groupTeacher).values(valid.map((groupId) => ({ groupId, staffId })));
		await fillVisitingTeachers(tx, schoolId);
		await recordAudit(tx, {
			schoolId,
			actorKind: 'staff',
			actorId,
			action: 'staff.groups_set',
			subjectType: 'staff',
			subjectId: staffId,
			detail: { groups: valid.length }
		});
	});
	return true;
}

export type ActiveResult = { ok: true } | { ok: false; reason: 'not_found' | 'self' };

export async function setActive(
	db: Database,
	schoolId: string,
	actorId: string,
	staffId: string,
	active: boolean
): Promise<ActiveResult> {
	if (staffId === actorId) return { ok: false, reason: 'self' };
	const person = await findStaffMember(db, schoolId, staffId);
	if (!person) return { ok: false, reason: 'not_found' };
	await transaction(db, async (tx) => {
		await tx.update(staff).set({ active }).where(eq(staff.id, staffId));
		if (!active) await tx.delete(staffSession).where(eq(staffSession.staffId, staffId));
		await recordAudit(tx, {
			schoolId,
			actorKind: 'staff',
			actorId,
			action: active ? 'staff.reactivated' : 'staff.deactivated',
			subjectType: 'staff',
			subjectId: staffId
		});
	});
	return { ok: true };
}

/** A fresh one-time link: for an invitation that expired, or a forgotten password. */
export async function newStaffLink(
	db: Database,
	schoolId: string,
	actorId: string,
	staffId: string,
	now: Date
): Promise<string | null> {
	const person = await findStaffMember(db, schoolId, staffId);
	if (!person || !person.active) return null;
	const token = await mailStaffLink(db, staffId, person.hasPassword ? 'reset' : 'setup', now);
	await recordAudit(db, {
		schoolId,
		actorKind: 'staff',
		actorId,
		action: 'staff.link_issued',
		subjectType: 'staff',
		subjectId: staffId
	});
	return token;
}

export async function groupsOfSchool(db: Database, schoolId: string) {
	return db
		.select({ id: group.id, name: group.name })
		.from(group)
		.where(eq(group.schoolId, schoolId))
		.orderBy(group.name);
}
