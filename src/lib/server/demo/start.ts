import type { Database } from '../db';
import type { Config } from '../config';
import { school } from '../db/schema';
import { loadDemo, type DemoCredentials } from './load';

/** What a newcomer reads in the terminal: where to sign in, as whom, and one parent link. */
export function formatBanner(credentials: DemoCredentials, created: boolean): string {
	const admin = credentials.staff.find((s) => s.role === 'admin');
	const teacher = credentials.staff.find((s) => s.role === 'teacher');
	const parent = credentials.families.find((f) => f.language !== 'nl') ?? credentials.families[0];
	const lines = [
		'',
		`  Demo school "${credentials.school}" ${created ? 'loaded' : 'ready'}.`,
		`  Sign in at ${credentials.signInUrl}`,
		admin ? `    school office: ${admin.email}  password: ${admin.password}` : '',
		teacher ? `    teacher:       ${teacher.email}  password: ${teacher.password}` : '',
		parent ? `  A parent's link (${parent.name}): ${parent.url}` : '',
		credentials.newsletterUrl ? `  The newsletter link (parents type their e-mail address): ${credentials.newsletterUrl}` : '',
		'  Demo passwords and links are renewed at every start; `npm run cli -- demo --json` lists them all.',
		''
	];
	return lines.filter((l) => l !== '').join('\n') + '\n';
}

/**
 * At server start with DEMO=auto: load the demo school into an empty database, or renew the
 * demo credentials when the demo school is there. A database that holds a real school is left alone.
 */
export async function startDemo(db: Database, settings: Pick<Config, 'origin' | 'schoolTimeZone'>, now = new Date()): Promise<void> {
	const schools = await db.select({ isDemo: school.isDemo }).from(school);
	if (schools.some((s) => !s.isDemo)) return;
	const { created, credentials } = await loadDemo(db, { origin: settings.origin, timeZone: settings.schoolTimeZone, now });
	process.stdout.write(formatBanner(credentials, created));
}
