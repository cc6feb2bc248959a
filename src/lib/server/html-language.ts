/** Where app.html leaves the page's language and direction open, both in its first line. */
const LANG_DIR = '%lang%" dir="%dir%';

/**
 * The page with its language and direction filled in (`<html lang dir>`, read by screen readers
 * and by the browser's layout for Arabic and Farsi). The rendered page arrives as a tree of
 * joined pieces; two `replace`s flattened it and then copied it twice more. A choose-a-time page
 * holds a dash, so V8 stores it at two bytes a character, 33 KB a copy: the largest allocation
 * of a parent page, where the young generation's collections take a fifth of the CPU. Here
 * `indexOf` flattens it once and the slices share those characters; sending flattens the
 * result once more (V8's heap profile: 64 KB a request before, 28 KB after).
 * Only the first occurrence is filled: the template's, which comes before anything a user wrote.
 */
export function withLanguage(html: string, language: { code: string; dir: string }): string {
	const at = html.indexOf(LANG_DIR);
	if (at < 0) return html;
	return `${html.slice(0, at)}${language.code}" dir="${language.dir}${html.slice(at + LANG_DIR.length)}`;
}
