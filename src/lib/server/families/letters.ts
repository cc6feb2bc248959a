/**
 * Printed letters for families, each in the family's language, with a personal link and its QR
 * code. Only hashes of links are stored, so a letter cannot reprint an old link: printing makes a
 * new office link. By default the family's earlier links keep working (a letter already on the
 * fridge, a link copied into a message); the office may ask for new links in place of the old
 * office ones instead. An e-mailed or texted link is never stopped by a letter.
 *
 * A print is made in batches of LETTERS_PER_BATCH, in a stable order (the children's first names,
 * then the family's id), each batch after the last family of the one before: a keyset, not an
 * offset, so a family that answers between two batches does not push another one out of the set
 * unprinted. A batch makes links only for its own families, so its time and memory do not grow
 * with the school.
 */
import { sql, type SQL } from 'drizzle-orm';
import { encode } from 'uqr';
import { rowsOf, type Database } from '../db';
import { familiesInRound, pupilInRound } from './overview';
import { familyUrl, issueOfficeLinks } from './links';
import { translatorFor } from '../i18n';
import { formatDate } from '../../format';
import { helpLine, type HelpLine } from '../help-line';

/** Letters on one page: a 50-letter page is about 0.5 MB of HTML and 50 sheets of paper. */
export const LETTERS_PER_BATCH = 50;

export const letterSets = ['all', 'without_email', 'not_answered'] as const;
export type LetterSet = (typeof letterSets)[number];

/** One family (from its page), or a set of the round's families, within one group or all groups. */
export type LetterScope = { familyId: string } | { set: LetterSet; groupId: string | null };

/** Where the next batch starts: after this family, in the print's order. */
export interface LetterCursor {
	children: string;
	familyId: string;
}

export interface Letter {
	lang: string;
	dir: 'ltr' | 'rtl';
	heading: string;
	greeting: string;
	paragraphs: string[];
	how: string;
	url: string;
	/** The URL above as a QR code (qrCode): the page draws it as an SVG path. */
	qr: QrCode;
	help: string;
	/** For a family whose language the portal does not speak: one line in its own (help-line.ts). */
	helpLine: HelpLine | null;
}

/** A QR code as one SVG path in a square of `size` modules (a quiet zone of two included). */
export interface QrCode {
	size: number;
	path: string;
}

/**
 * uqr's own renderSVG draws every dark module as a square of its own, 10 kB a code, and the page
 * carries each code twice (in the HTML and in the data the page hydrates from): one path of
 * horizontal runs, one unit a module, is 4 kB.
 */
export function qrCode(url: string): QrCode {
	const { size, data } = encode(url, { ecc: 'M', border: 2 });
	let path = '';
	data.forEach((row, y) => {
		for (let x = 0; x < size;) {
			if (!row[x]) {
				x++;
				continue;
			}
			let end = x;
			while (end < size && row[end]) end++;
			path += `M${x} ${y}h${end - x}v1h-${end - x}z`;
			x = end;
		}
	});
	return { size, path };
}

export interface LetterBatch {
	letters: Letter[];
	/**
	 * The batch's place in the whole print, counted from 1: "letters 51–100 of 771". The total is
	 * the letters printed before plus those still to print, so a family that answers meanwhile
	 * does not shift the numbers of a print under way.
	 */
	first: number;
	last: number;
	total: number;
	/** Where the next batch starts; null after the last one. */
	next: LetterCursor | null;
}

/** The children's first names, eldest first: the letter's greeting and the print's order. */
const childrenOf = sql`coalesce((select string_agg(p.first_name, ', ' order by p.birth_date nulls last, p.first_name, p.id)
	from pupil p where p.family_id = f.id), '')`;

/** The scope's families of this school and round, with their sort key (`children`). */
function chosen(schoolId: string, roundId: string, scope: LetterScope): SQL {
	const where: SQL[] = [];
	if ('familyId' in scope) where.push(sql`and f.id = ${scope.familyId}`);
	else {
		// A child of the family in that group takes part in the round: a new pupil in a group the
		// round leaves out brings the family in, so that group is offered (groupsOfRound) and counts.
		if (scope.groupId)
			where.push(
				sql`and exists (select 1 from pupil p where p.family_id = f.id and p.group_id = ${scope.groupId} and ${pupilInRound(roundId)})`
			);
		if (scope.set === 'without_email')
			where.push(
				sql`and not exists (select 1 from guardian g where g.family_id = f.id and g.email is not null)`
			);
		// "Not answered" as on the home page and the not-answered list: no booking that is not cancelled.
		if (scope.set === 'not_answered')
			where.push(
				sql`and not exists (select 1 from booking b where b.family_id = f.id and b.round_id = ${roundId} and b.status <> 'cancelled')`
			);
	}
	return sql`select f.id, ${childrenOf} as children from family f
		where f.school_id = ${schoolId} and f.id in (${familiesInRound(roundId)}) ${sql.join(where, sql` `)}`;
}

/** How many letters the scope would print: shown before anything is printed. */
export async function countLetters(
	db: Database,
	schoolId: string,
	roundId: string,
	scope: LetterScope
): Promise<number> {
	const [row] = rowsOf<{ n: number }>(
		await db.execute(sql`select count(*)::int as n from (${chosen(schoolId, roundId, scope)}) c`)
	);
	return Number(row?.n ?? 0);
}

export interface PrintRequest {
	schoolId: string;
	roundId: string;
	scope: LetterScope;
	/** The last family of the batch before; null for the first batch. */
	after: LetterCursor | null;
	/** How many letters the batches before made. */
	printed: number;
	/** Stop the families' earlier office links (letters, copied links) instead of keeping them. */
	replaceLinks: boolean;
	origin: URL;
	timeZone: string;
	now: Date;
}

/** The next batch of letters of the scope, with a new office link for each of its families. */
export async function printLetters(db: Database, r: PrintRequest): Promise<LetterBatch> {
	const after = r.after
		? sql`(c.children, c.id) > (${r.after.children}, ${r.after.familyId})`
		: null;
	const rows = rowsOf<{
		family_id: string;
		children: string;
		language: string;
		teacher: string | null;
		school_name: string;
		school_phone: string;
		starts_on: string;
		ends_on: string;
		visit_minutes: number;
		remaining: number;
	}>(
		// The batch is cut from the scope first, then its 50 families are joined to their details;
		// the count is an uncorrelated subquery, so it is run once, not once per row.
		await db.execute(sql`
			with c as materialized (${chosen(r.schoolId, r.roundId, r.scope)}),
			batch as (
				select * from c ${after ? sql`where ${after}` : sql``}
				order by c.children, c.id limit ${LETTERS_PER_BATCH}
			)
			select c.id as family_id, c.children, f.language, v.name as teacher,
				s.name as school_name, s.phone as school_phone,
				rd.starts_on::text as starts_on, rd.ends_on::text as ends_on, rd.visit_minutes,
				(select count(*)::int from c ${after ? sql`where ${after}` : sql``}) as remaining
			from batch c
			join family f on f.id = c.id
			join school s on s.id = f.school_id
			join visit_round rd on rd.id = ${r.roundId} and rd.school_id = f.school_id
			left join staff v on v.id = f.visiting_staff_id
			order by c.children, c.id`)
	);
	const printed = r.after ? r.printed : 0;
	const remaining =
		rows.length > 0
			? Number(rows[0]!.remaining)
			: r.after
				? 0
				: await countLetters(db, r.schoolId, r.roundId, r.scope);
	const tokens = await issueOfficeLinks(
		db,
		rows.map((row) => row.family_id),
		r.roundId,
		r.now,
		r.replaceLinks
	);
	const letters = rows.map((row) => {
		const { lang, dir, t } = translatorFor(row.language);
		const url = familyUrl(r.origin, tokens.get(row.family_id)!);
		return {
			lang,
			dir,
			heading: t('letter.heading', { school: row.school_name }),
			greeting: t('letter.greeting', { children: row.children }),
			paragraphs: [
				t('letter.about', {
					from: formatDate(row.starts_on, lang, r.timeZone),
					to: formatDate(row.ends_on, lang, r.timeZone),
					minutes: row.visit_minutes
				}),
				row.teacher ? t('letter.teacher', { teacher: row.teacher }) : '',
				t('family.not_at_home_ok')
			].filter(Boolean),
			how: t('letter.how'),
			url,
			qr: qrCode(url),
			help: t('family.help', { phone: row.school_phone }),
			helpLine: helpLine(row.language, row.school_phone)
		};
	});
	const lastRow = rows.at(-1);
	return {
		letters,
		first: printed + Math.min(1, rows.length),
		last: printed + rows.length,
		total: printed + remaining,
		next:
			lastRow && remaining > rows.length
				? { children: lastRow.children, familyId: lastRow.family_id }
				: null
	};
}
