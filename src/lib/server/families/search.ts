/**
 * Finding a family by what the office types: "ozdemir" finds Özdemir, "GARCIA" finds García,
 * "noor vries" finds Noor de Vries. Both sides go through the same fold in SQL: letters with
 * accents become their plain letter (translate, a core function: no extension, so PGlite does the
 * same), then lower case. Every word typed must occur somewhere in the family's text.
 */
import { sql, type SQL } from 'drizzle-orm';

// The accented Latin letters of the families these schools serve (Dutch, Turkish, Polish,
// French, Spanish, Portuguese, Romanian, Czech and more). A letter maps to its base letter.
const ACCENTED =
	'ÀÁÂÃÄÅàáâãäåĀāĂăĄąÇçĆćĈĉĊċČčĎďĐđÈÉÊËèéêëĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħÌÍÎÏìíîïĨĩĪīĬĭĮįİıĴĵĶķĹĺĻļĽľĿŀŁłÑñŃńŅņŇňÒÓÔÕÖØòóôõöøŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšȘșŢţŤťŦŧȚțÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųŴŵÝýÿŶŷŸŹźŻżŽž';
const SPECIAL: Record<string, string> = {
	Đ: 'D',
	đ: 'd',
	Ħ: 'H',
	ħ: 'h',
	ı: 'i',
	Ŀ: 'L',
	ŀ: 'l',
	Ł: 'L',
	ł: 'l',
	Ø: 'O',
	ø: 'o',
	Ŧ: 'T',
	ŧ: 't'
};
const PLAIN = [...ACCENTED].map((c) => SPECIAL[c] ?? c.normalize('NFD')[0]!).join('');

if ([...PLAIN].length !== [...ACCENTED].length || /'/.test(ACCENTED + PLAIN))
	throw new Error('the search fold needs one plain letter per accented one');

/** The fold in SQL, applied to any text expression. The letters are constants of this module. */
export function foldSql(expression: SQL): SQL {
	return sql`lower(translate(${expression}, ${sql.raw(`'${ACCENTED}'`)}, ${sql.raw(`'${PLAIN}'`)}))`;
}

/** At most this many words: more narrow nothing down and each costs a pass over the text. */
const MAX_TERMS = 5;

/** The words of a search, each as a LIKE pattern's inside (`%`, `_` and `\` taken literally). */
export function searchTerms(q: string): string[] {
	return [...new Set(q.split(/\s+/).filter(Boolean))]
		.slice(0, MAX_TERMS)
		.map((term) => term.replace(/[\\%_]/g, (c) => `\\${c}`));
}

/** True when the text holds every term, after folding both. */
export function matchesAllSql(text: SQL, terms: string[]): SQL {
	return sql.join(
		terms.map((term) => sql`${text} like '%' || ${foldSql(sql`${term}`)} || '%'`),
		sql` and `
	);
}
