/**
 * Printed letters for families, each in the family's language, with a personal link and its QR
 * code. Only hashes of links are stored, so printing makes a new office link: the previous
 * printed or copied link of that family stops working (an e-mailed link keeps working).
 */
import { sql } from 'drizzle-orm';
import { renderSVG } from 'uqr';
import { rowsOf, type Database } from '../db';
import { familiesInRound } from './overview';
import { familyUrl, issueFamilyLink } from './links';
import { translatorFor } from '../i18n';
import { formatDate } from '../../format';
import { helpLine, type HelpLine } from '../help-line';

export type LetterScope = { familyId: string } | 'without_email' | 'all';

export interface Letter {
	lang: string;
	dir: 'ltr' | 'rtl';
	heading: string;
	greeting: string;
	paragraphs: string[];
	how: string;
	url: string;
	/** An SVG drawing made here from the URL above; no text of anyone's goes into it. */
	qrSvg: string;
	help: string;
	/** For a family whose language the portal does not speak: one line in its own (help-line.ts). */
	helpLine: HelpLine | null;
}

export async function makeLetters(
	db: Database,
	schoolId: string,
	roundId: string,
	scope: LetterScope,
	origin: URL,
	timeZone: string,
	now: Date
): Promise<Letter[]> {
	const rows = rowsOf<{
		family_id: string;
		language: string;
		children: string;
		teacher: string | null;
		school_name: string;
		school_phone: string;
		starts_on: string;
		ends_on: string;
		visit_minutes: number;
	}>(
		await db.execute(sql`
			select f.id as family_id, f.language, v.name as teacher, s.name as school_name, s.phone as school_phone,
				r.starts_on::text as starts_on, r.ends_on::text as ends_on, r.visit_minutes,
				(select string_agg(p.first_name, ', ' order by p.birth_date nulls last) from pupil p where p.family_id = f.id) as children
			from family f
			join school s on s.id = f.school_id
			join visit_round r on r.id = ${roundId} and r.school_id = f.school_id
			left join staff v on v.id = f.visiting_staff_id
			where f.school_id = ${schoolId} and f.id in (${familiesInRound(roundId)})
			${typeof scope === 'object' ? sql`and f.id = ${scope.familyId}` : sql``}
			${scope === 'without_email' ? sql`and not exists (select 1 from guardian g where g.family_id = f.id and g.email is not null)` : sql``}
			order by children`)
	);
	const letters: Letter[] = [];
	for (const row of rows) {
		const { lang, dir, t } = translatorFor(row.language);
		const url = familyUrl(origin, await issueFamilyLink(db, row.family_id, roundId, now, 'office'));
		letters.push({
			lang,
			dir,
			heading: t('letter.heading', { school: row.school_name }),
			greeting: t('letter.greeting', { children: row.children ?? '' }),
			paragraphs: [
				t('letter.about', {
					from: formatDate(row.starts_on, lang, timeZone),
					to: formatDate(row.ends_on, lang, timeZone),
					minutes: row.visit_minutes
				}),
				row.teacher ? t('letter.teacher', { teacher: row.teacher }) : '',
				t('family.not_at_home_ok')
			].filter(Boolean),
			how: t('letter.how'),
			url,
			qrSvg: renderSVG(url, { ecc: 'M', border: 2 }),
			help: t('family.help', { phone: row.school_phone }),
			helpLine: helpLine(row.language, row.school_phone)
		});
	}
	return letters;
}
