/**
 * The office's list of interpreter requests: those still to arrange first, then arranged ones,
 * then withdrawn ones, each by the visit's date. By default only visits from today on; `past`
 * shows the whole history. Counted and paged in the database: a round has a few dozen, but the
 * history of a big school grows.
 */
import { sql } from 'drizzle-orm';
import { jsonOf, rowsOf, type Database } from '../db';
import { fullNameSql } from '../roster/names';
import type { Location } from '../mail/payloads';

export const REQUESTS_PAGE = 50;

export interface RequestRow {
	id: string;
	status: 'requested' | 'arranged' | 'cancelled';
	language: string;
	startsAt: Date;
	endsAt: Date;
	location: Location;
	placeName: string | null;
	familyId: string;
	familyLanguage: string;
	children: { name: string; group: string | null }[];
	staffNames: string[];
	interpreter: {
		id: string;
		name: string;
		kind: 'staff' | 'volunteer' | 'service';
		phone: string | null;
	} | null;
	mode: 'in_person' | 'phone' | null;
	contactName: string | null;
	contactPhone: string | null;
}

export interface RequestList {
	rows: RequestRow[];
	/** Still to arrange (visits from today on): the figure on the office's home page. */
	toArrange: number;
	total: number;
	page: number;
	pages: number;
}

export async function interpreterRequests(
	db: Database,
	schoolId: string,
	options: { from: Date | null; page: number }
): Promise<RequestList> {
	const from = options.from
		? sql`and r.starts_at >= ${options.from.toISOString()}::timestamptz`
		: sql``;
	const [counts] = rowsOf<{ total: number; to_arrange: number }>(
		await db.execute(sql`select count(*)::int as total,
			count(*) filter (where r.status = 'requested')::int as to_arrange
			from interpreter_request r where r.school_id = ${schoolId} ${from}`)
	);
	const total = Number(counts?.total ?? 0);
	const pages = Math.max(1, Math.ceil(total / REQUESTS_PAGE));
	const page = Math.min(Math.max(1, Math.floor(options.page) || 1), pages);
	const rows = rowsOf<Record<string, unknown>>(
		await db.execute(sql`
		select r.id, r.status, r.language, r.starts_at, r.ends_at, r.location, r.mode,
			r.contact_name, r.contact_phone, b.family_id, f.language as family_language,
			np.name as place_name,
			i.id as interpreter_id, i.name as interpreter_name, i.kind as interpreter_kind, i.phone as interpreter_phone,
			(select coalesce(json_agg(json_build_object('name', ${fullNameSql('p')}, 'group', g.name)
				order by p.birth_date), '[]') from pupil p left join school_group g on g.id = p.group_id
				where p.family_id = b.family_id) as children,
			(select coalesce(json_agg(st.name order by st.name), '[]') from slot_staff ss
				join staff st on st.id = ss.staff_id where ss.slot_id = b.slot_id) as staff_names
		from interpreter_request r
		join booking b on b.id = r.booking_id
		join family f on f.id = b.family_id
		left join neutral_place np on np.id = b.neutral_place_id and r.location = 'neutral'
		left join interpreter i on i.id = r.interpreter_id
		where r.school_id = ${schoolId} ${from}
		order by case r.status when 'requested' then 0 when 'arranged' then 1 else 2 end, r.starts_at, r.id
		limit ${REQUESTS_PAGE} offset ${(page - 1) * REQUESTS_PAGE}`)
	);
	return {
		rows: rows.map((r) => ({
			id: String(r.id),
			status: r.status as RequestRow['status'],
			language: String(r.language),
			startsAt: new Date(r.starts_at as string),
			endsAt: new Date(r.ends_at as string),
			location: r.location as Location,
			placeName: (r.place_name as string | null) ?? null,
			familyId: String(r.family_id),
			familyLanguage: String(r.family_language),
			children: jsonOf<RequestRow['children']>(r.children) ?? [],
			staffNames: jsonOf<string[]>(r.staff_names) ?? [],
			interpreter: r.interpreter_id
				? {
						id: String(r.interpreter_id),
						name: String(r.interpreter_name),
						kind: r.interpreter_kind as 'staff' | 'volunteer' | 'service',
						phone: (r.interpreter_phone as string | null) ?? null
					}
				: null,
			mode: (r.mode as RequestRow['mode']) ?? null,
			contactName: (r.contact_name as string | null) ?? null,
			contactPhone: (r.contact_phone as string | null) ?? null
		})),
		toArrange: Number(counts?.to_arrange ?? 0),
		total,
		page,
		pages
	};
}
