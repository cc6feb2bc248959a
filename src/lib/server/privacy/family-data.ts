/**
 * A family's rights under the AVG: everything the portal holds about them, as JSON, and
 * erasure on request. Only an admin of the family's own school reaches these.
 */
import { sql } from 'drizzle-orm';
import { affectedRows, jsonOf, rowsOf, type Database } from '../db';
import { isUuid } from '../forms';
import { recordAudit } from '../audit/record';
import { fullNameSql } from '../roster/names';
import { transaction } from '../db/transaction';
import { messagesOfFamily } from '../mail/family-messages';
import { cancelInterpretersOfErasedFamily } from '../interpreters/erasure';

const rows = async (db: Database, query: ReturnType<typeof sql>) =>
	rowsOf<Record<string, unknown>>(await db.execute(query));

/** The family's summary for the admin's page, or null when it is not of this school. */
export async function familySummary(db: Database, schoolId: string, familyId: string) {
	if (!isUuid(familyId)) return null;
	const [family] = await rows(
		db,
		sql`select id, street, postal_code, city, language from family where id = ${familyId} and school_id = ${schoolId}`
	);
	if (!family) return null;
	const [counts] = await rows(
		db,
		sql`select (select count(*) from booking where family_id = ${familyId}) as bookings,
			(select count(*) from visit_report where family_id = ${familyId}) as reports,
			(select json_agg(${fullNameSql('p')} order by p.birth_date nulls last) from pupil p where p.family_id = ${familyId}) as children,
			(select json_agg(name order by created_at) from guardian where family_id = ${familyId}) as guardians`
	);
	const list = (v: unknown) => jsonOf<string[]>(v) ?? [];
	return {
		id: familyId,
		children: list(counts?.children),
		guardians: list(counts?.guardians),
		bookings: Number(counts?.bookings ?? 0),
		reports: Number(counts?.reports ?? 0)
	};
}

/** Everything about one family, in plain JSON. Token hashes are left out: they are no one's data. */
export async function exportFamily(
	db: Database,
	schoolId: string,
	familyId: string,
	actorId: string,
	now: Date
) {
	if (!isUuid(familyId)) return null;
	const [family] = await rows(
		db,
		sql`select street, postal_code, city, language, created_at from family where id = ${familyId} and school_id = ${schoolId}`
	);
	if (!family) return null;
	const data = {
		exportedAt: now.toISOString(),
		family,
		guardians: await rows(
			db,
			sql`select name, relation, email, phone, language, created_at from guardian where family_id = ${familyId} order by created_at`
		),
		pupils: await rows(
			db,
			sql`select p.pupil_number, p.first_name, p.infix, p.last_name, p.birth_date, p.is_new, sg.name as "group"
				from pupil p left join school_group sg on sg.id = p.group_id where p.family_id = ${familyId} order by p.birth_date nulls last`
		),
		bookings: await rows(
			db,
			sql`select r.name as round, b.status, b.location, s.starts_at, s.ends_at, np.name as neutral_place, b.visit_address,
				b.interpreter_language, b.own_interpreter_language, b.parent_questions, b.not_home_reason, b.not_home_reason_text, b.booked_by, b.created_at, b.updated_at, b.cancelled_at
				from booking b join visit_round r on r.id = b.round_id left join slot s on s.id = b.slot_id left join neutral_place np on np.id = b.neutral_place_id
				where b.family_id = ${familyId} order by b.created_at`
		),
		reports: await rows(
			db,
			sql`select r.name as round, vr.held, vr.not_held_reason, vr.held_at, vr.location,
				(select json_agg(st.name order by st.name) from staff st where st.id = any(vr.staff_ids)) as staff,
				vr.parents_present, vr.other_present, vr.child_present, vr.siblings_present, vr.interpreter, vr.interpreter_name,
				vr.main_points, vr.follow_up, vr.created_at, vr.updated_at
				from visit_report vr join visit_round r on r.id = vr.round_id where vr.family_id = ${familyId} order by vr.held_at`
		),
		links: await rows(
			db,
			sql`select r.name as round, l.channel, l.created_at, l.revoked_at from family_link l join visit_round r on r.id = l.round_id
				where l.family_id = ${familyId} order by l.created_at`
		),
		/** What the parents asked for instead of a time: a call, another time. */
		requests: await rows(
			db,
			sql`select r.name as round, fr.kind, fr.status, fr.days, fr.parts, fr.note, fr.phone, fr.language, fr.created_at, fr.handled_at
				from family_request fr join visit_round r on r.id = fr.round_id where fr.family_id = ${familyId} order by fr.created_at`
		),
		/** How the school tried to reach them, with the notes staff wrote. */
		contactAttempts: await rows(
			db,
			sql`select r.name as round, ca.channel, ca.outcome, ca.note, st.name as staff, ca.created_at
				from contact_attempt ca join visit_round r on r.id = ca.round_id left join staff st on st.id = ca.staff_id
				where ca.family_id = ${familyId} order by ca.created_at`
		),
		messages: await rows(
			db,
			sql`select kind, channel, to_address, language, status, created_at, sent_at from outbox
				where school_id = ${schoolId} and ${messagesOfFamily(familyId)} order by created_at`
		),
		/** Who looked at or changed this family's records, and when. */
		access: await rows(
			db,
			sql`select a.action, a.actor_kind, st.name as actor, a.created_at from audit_event a left join staff st on st.id = a.actor_id
				where a.school_id = ${schoolId} and (a.subject_id = ${familyId}
				   or a.subject_id in (select id from booking where family_id = ${familyId})
				   or a.subject_id in (select id from visit_report where family_id = ${familyId}))
				order by a.created_at`
		)
	};
	await recordAudit(db, {
		schoolId,
		actorKind: 'staff',
		actorId,
		action: 'family.data_exported',
		subjectType: 'family',
		subjectId: familyId
	});
	return data;
}

/**
 * Erases the family: guardians, pupils, bookings, links and reports go with the family row
 * (foreign keys cascade), the messages by the family they name. The audit entry keeps counts.
 * A later roster import that still lists the children brings them back: the school must
 * remove them from its pupil administration too, which the page says.
 */
export async function eraseFamily(
	db: Database,
	schoolId: string,
	familyId: string,
	actorId: string,
	now = new Date()
) {
	const summary = await familySummary(db, schoolId, familyId);
	if (!summary) return null;
	return transaction(db, async (tx) => {
		const messages = await tx.execute(
			sql`delete from outbox where school_id = ${schoolId} and ${messagesOfFamily(familyId)}`
		);
		// After the family's messages are gone, before its visits go: the invites need the visit.
		const interpretersCancelled = await cancelInterpretersOfErasedFamily(tx, familyId, now);
		await tx.execute(sql`delete from family where id = ${familyId} and school_id = ${schoolId}`);
		const removed = {
			children: summary.children.length,
			guardians: summary.guardians.length,
			bookings: summary.bookings,
			reports: summary.reports,
			messages: affectedRows(messages),
			interpretersCancelled
		};
		await recordAudit(tx, {
			schoolId,
			actorKind: 'staff',
			actorId,
			action: 'family.erased',
			subjectType: 'family',
			subjectId: familyId,
			detail: removed
		});
		return removed;
	});
}

export const FOUND_PER_PAGE = 20;

export interface FoundFamilies {
	families: { id: string; children: string[] }[];
	/** Every family that matches, not only this page's: the office must know when a search is too wide. */
	total: number;
	page: number;
	pages: number;
}

/**
 * Find a family to export or erase, by pupil number or a child's or parent's name: 20 per page,
 * in a stable order (the first child's name), with the count of all that match.
 */
export async function findFamilies(
	db: Database,
	schoolId: string,
	query: string,
	page = 1
): Promise<FoundFamilies> {
	const q = query.trim().slice(0, 100);
	if (q.length < 2) return { families: [], total: 0, page: 1, pages: 1 };
	const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	const at = Number.isSafeInteger(page) && page > 1 ? page : 1;
	const found = await rows(
		db,
		sql`with matching as (
				select f.id, (select json_agg(${fullNameSql('p')} || ' (' || p.pupil_number || ')' order by p.birth_date nulls last) from pupil p where p.family_id = f.id) as children
				from family f where f.school_id = ${schoolId} and (
					exists (select 1 from pupil p where p.family_id = f.id and (p.pupil_number = ${q} or ${fullNameSql('p')} ilike ${like}))
					or exists (select 1 from guardian g where g.family_id = f.id and g.name ilike ${like}))
			)
			select id, children, count(*) over () as total from matching
			order by children->>0 nulls last, id
			limit ${FOUND_PER_PAGE} offset ${(at - 1) * FOUND_PER_PAGE}`
	);
	// Past the last page: count again without the offset, so the office sees how many there are.
	const total =
		found.length > 0
			? Number(found[0]!.total)
			: at > 1
				? (await findFamilies(db, schoolId, query, 1)).total
				: 0;
	return {
		families: found.map((r) => ({
			id: r.id as string,
			children: jsonOf<string[]>(r.children) ?? []
		})),
		total,
		page: at,
		pages: Math.max(1, Math.ceil(total / FOUND_PER_PAGE))
	};
}
