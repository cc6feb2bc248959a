import type { Database } from '../db';
import type { Config } from '../config';
import { school } from '../db/schema';
import { loadDemo, type DemoCredentials } from './load';

/**
 * One family for each of these page languages: Dutch, the right-to-left page, and the languages
 * most demo families read. A family whose language the portal does not speak would show Dutch.
 */
export const bannerLanguages = ['nl', 'ar', 'tr', 'uk', 'pl'] as const;

const languageNames = new Intl.DisplayNames('en', { type: 'language' });

/** Columns two spaces apart, the first `firstWidth` wide so that both tables of the banner line up. */
function table(rows: string[][], firstWidth: number): string[] {
	const widths = rows[0]!.map((_, i) =>
		i === 0 ? firstWidth : Math.max(...rows.map((r) => r[i]!.length))
	);
	return rows.map(
		(r) =>
			'  ' + r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')
	);
}

/**
 * What a newcomer reads in the terminal: where to sign in, as whom, and a parent's page in each of
 * five languages. Links sit before the children's names so that they stay whole in an
 * 80-column terminal; the sentence at the end explains why links copied before give "not found".
 */
export function formatBanner(credentials: DemoCredentials, created: boolean): string {
	const accounts = [
		credentials.staff.find((s) => s.role === 'admin'),
		credentials.staff.find((s) => s.role === 'teacher')
	].flatMap((s) =>
		s ? [[s.role === 'admin' ? `${s.title} (admin)` : s.title, s.email, s.password]] : []
	);
	const parents = bannerLanguages.flatMap((code) => {
		const f = credentials.families.find((family) => family.language === code);
		return f ? [[languageNames.of(code) ?? code, f.url, f.name]] : [];
	});
	const staffHeader = ['role', 'e-mail', 'password'];
	const parentHeader = ['language', "a parent's link (no sign-in)", 'children'];
	const firstWidth = Math.max(
		...[staffHeader, parentHeader, ...accounts, ...parents].map((r) => r[0]!.length)
	);
	const lines = [
		'',
		`  Demo school "${credentials.school}" ${created ? 'loaded' : 'ready'}.`,
		`  Sign in at ${credentials.signInUrl}`,
		'',
		...table([staffHeader, ...accounts], firstWidth),
		'',
		...(parents.length > 0 ? [...table([parentHeader, ...parents], firstWidth), ''] : []),
		'  Passwords and links are renewed at every start; older ones stop working.'
	];
	return lines.join('\n') + '\n';
}

/**
 * At server start with DEMO=auto: load the demo school into an empty database, or renew the
 * demo credentials when the demo school is there. A database that holds a real school is left alone.
 */
export async function startDemo(
	db: Database,
	settings: Pick<Config, 'origin'>,
	now = new Date()
): Promise<void> {
	const schools = await db.select({ isDemo: school.isDemo }).from(school);
	if (schools.some((s) => !s.isDemo)) return;
	const { created, credentials } = await loadDemo(db, { origin: settings.origin, now });
	process.stdout.write(formatBanner(credentials, created));
}
