/**
 * The families of a round that have not answered yet, for the person who has to reach them: the
 * office sees the whole school, a teacher the families she visits (auth/policy.ts,
 * `familiesListedFor`). "Not answered" is the home page's figure exactly (visit-rounds/progress.ts):
 * a family of the round without a booking that is not cancelled, so the list is as long as the
 * figure that links to it.
 *
 * Who needs action first:
 * 1. a family that asked to be phoned ("call me"), the oldest request first;
 * 2. a family nothing reaches: no message got out (no e-mail address, or every mail and text
 *    failed), and no try yet or the last one found a wrong number;
 * 3. the others, those never tried first, then the one whose last try is oldest;
 * 4. last, those who said they will book, the one told longest ago first.
 *
 * One query, one page of it: at 1,000 families a page stays small enough for a phone.
 */
import { sql } from 'drizzle-orm';
import { jsonOf, rowsOf, type Database } from '../db';
import { familiesListedFor, type Viewer } from '../auth/policy';
import { familiesInRound } from '../families/overview';
import { fullNameSql } from '../roster/names';
import type { ContactChannel, ContactOutcome } from './attempts';

export const NOT_ANSWERED_PAGE_SIZE = 50;

/** The messages that invite a family to answer, and how each fared. */
export const invitingKinds = ['invitation', 'nudge', 'family_link', 'text_link'] as const;
export type InvitingKind = (typeof invitingKinds)[number];

export type Urgency = 'call_me' | 'unreachable' | 'to_try' | 'will_book';

export interface NotAnsweredMail {
	kind: InvitingKind;
	channel: 'email' | 'sms';
	status: 'pending' | 'sent' | 'failed' | 'skipped';
	at: Date;
}

export interface NotAnsweredFamily {
	familyId: string;
	urgency: Urgency;
	children: { name: string; group: string | null }[];
	guardians: { name: string; phone: string | null }[];
	/** The family's language (the one its page and mails use). */
	language: string;
	visitor: string | null;
	callMe: { at: Date; phone: string | null; language: string; note: string } | null;
	otherTime: boolean;
	mails: NotAnsweredMail[];
	attempts: number;
	lastAttempt: {
		at: Date;
		channel: ContactChannel;
		outcome: ContactOutcome;
		by: string | null;
	} | null;
}

export interface NotAnsweredPage {
	total: number;
	page: number;
	pages: number;
	families: NotAnsweredFamily[];
}

/** At most this many messages per family on the list; the family's page has them all. */
const MAILS_SHOWN = 6;

/** The round's messages to the family, by e-mail or text: each names its family and round. */
const toFamily = (roundId: string) => sql`(o.family_id = f.id and o.round_id = ${roundId})`;

export async function notAnsweredPage(
	db: Database,
	me: Viewer,
	roundId: string,
	page: number
): Promise<NotAnsweredPage> {
	const staffId = familiesListedFor(me, null);
	const kinds = sql.join(
		invitingKinds.map((k) => sql`${k}`),
		sql`, `
	);
	const wanted = Math.max(1, Math.floor(page));
	const rows = rowsOf<Record<string, unknown>>(
		await db.execute(sql`
			with fams as (${familiesInRound(roundId)}),
			open_families as (
				select f.id, f.language, f.visiting_staff_id
				from family f join fams on fams.family_id = f.id
				join visit_round r on r.id = ${roundId} and r.school_id = f.school_id
				where f.school_id = ${me.schoolId}
				  ${staffId ? sql`and f.visiting_staff_id = ${staffId}` : sql``}
				  and not exists (select 1 from booking b where b.family_id = f.id and b.round_id = ${roundId} and b.status <> 'cancelled')
			),
			facts as (
				select f.id, f.language, f.visiting_staff_id,
					cm.created_at as call_me_at, cm.phone as call_me_phone, cm.language as call_me_language, cm.note as call_me_note,
					exists (select 1 from family_request fr where fr.family_id = f.id and fr.round_id = ${roundId}
					   and fr.kind = 'other_time' and fr.status = 'open') as other_time,
					exists (select 1 from guardian g where g.family_id = f.id and g.email is not null) as has_email,
					m.mails, m.sent_or_waiting,
					la.created_at as last_at, la.channel as last_channel, la.outcome as last_outcome, la.staff_id as last_by,
					(select count(*)::int from contact_attempt ca where ca.family_id = f.id and ca.round_id = ${roundId}) as attempts
				from open_families f
				left join family_request cm on cm.family_id = f.id and cm.round_id = ${roundId}
					and cm.kind = 'call_me' and cm.status = 'open'
				left join lateral (
					select count(*)::int as mails, count(*) filter (where o.status <> 'failed')::int as sent_or_waiting
					from outbox o
					where o.school_id = ${me.schoolId} and o.kind in (${kinds}) and ${toFamily(roundId)}
				) m on true
				left join lateral (
					select ca.created_at, ca.channel, ca.outcome, ca.staff_id from contact_attempt ca
					where ca.family_id = f.id and ca.round_id = ${roundId}
					order by ca.created_at desc, ca.id limit 1
				) la on true
			),
			ranked as (
				select *,
					case
						when call_me_at is not null then 0
						when sent_or_waiting = 0 and (not has_email or mails > 0) and (last_outcome is null or last_outcome = 'wrong_number') then 1
						when last_outcome = 'will_book' then 3
						else 2
					end as urgency,
					(select ${fullNameSql('p')} from pupil p where p.family_id = facts.id order by p.birth_date nulls last, p.id limit 1) as eldest
				from facts
			)
			select ranked.*, count(*) over () as total, v.name as visitor, lb.name as last_by_name,
				(select json_agg(json_build_object('name', ${fullNameSql('p')}, 'group', sg.name) order by p.birth_date nulls last, p.id)
				   from pupil p left join school_group sg on sg.id = p.group_id where p.family_id = ranked.id) as children,
				(select json_agg(json_build_object('name', g.name, 'phone', nullif(trim(g.phone), '')) order by g.created_at, g.name, g.id)
				   from guardian g where g.family_id = ranked.id) as guardians,
				(select json_agg(json_build_object('kind', x.kind, 'channel', x.channel, 'status', x.status, 'at', x.at) order by x.at desc)
				   from (select o.kind, o.channel, o.status, coalesce(o.sent_at, o.created_at) as at
				         from outbox o, (select ranked.id) f
				         where o.school_id = ${me.schoolId} and o.kind in (${kinds}) and ${toFamily(roundId)}
				         order by o.created_at desc, o.id limit ${MAILS_SHOWN}) x) as mails
			from ranked
			left join staff v on v.id = ranked.visiting_staff_id
			left join staff lb on lb.id = ranked.last_by and lb.school_id = ${me.schoolId}
			order by urgency, call_me_at nulls last, last_at nulls first, eldest, ranked.id
			limit ${NOT_ANSWERED_PAGE_SIZE} offset ${(wanted - 1) * NOT_ANSWERED_PAGE_SIZE}`)
	);
	const total = Number(rows[0]?.total ?? 0);
	const urgencies: Urgency[] = ['call_me', 'unreachable', 'to_try', 'will_book'];
	return {
		total,
		page: wanted,
		pages: Math.max(1, Math.ceil(total / NOT_ANSWERED_PAGE_SIZE)),
		families: rows.map((r) => ({
			familyId: r.id as string,
			urgency: urgencies[Number(r.urgency)]!,
			children: jsonOf<NotAnsweredFamily['children']>(r.children) ?? [],
			guardians: jsonOf<NotAnsweredFamily['guardians']>(r.guardians) ?? [],
			language: r.language as string,
			visitor: (r.visitor as string | null) ?? null,
			callMe: r.call_me_at
				? {
						at: new Date(r.call_me_at as string),
						phone: (r.call_me_phone as string | null) ?? null,
						language: r.call_me_language as string,
						note: (r.call_me_note as string) ?? ''
					}
				: null,
			otherTime: Boolean(r.other_time),
			mails: (jsonOf<(Omit<NotAnsweredMail, 'at'> & { at: string })[]>(r.mails) ?? []).map((m) => ({
				...m,
				at: new Date(m.at)
			})),
			attempts: Number(r.attempts ?? 0),
			lastAttempt: r.last_at
				? {
						at: new Date(r.last_at as string),
						channel: r.last_channel as ContactChannel,
						outcome: r.last_outcome as ContactOutcome,
						by: (r.last_by_name as string | null) ?? null
					}
				: null
		}))
	};
}
