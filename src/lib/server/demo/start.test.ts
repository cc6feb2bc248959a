import { describe, expect, it } from 'vitest';
import { formatBanner } from './start';
import type { DemoCredentials } from './load';

const origin = 'http://localhost:4321';
const link = (n: number) => `${origin}/f/${String(n).padStart(32, 'a')}`;
const family = (n: number, language: string, name: string) => ({
	name,
	language,
	teacher: 'Jeroen Bos',
	email: null,
	url: link(n)
});

// Ordered as loadDemo orders them (by the children's names): a Somali family comes first.
const credentials: DemoCredentials = {
	school: 'obs De Spitsbergen (demo)',
	signInUrl: `${origin}/sign-in`,
	staff: [
		{
			name: 'Marieke Smit',
			email: 'kantoor@spitsbergen.example',
			password: 'aaaa-bbbb-cccc-dddd',
			role: 'admin',
			title: 'office'
		},
		{
			name: 'Hans Koster',
			email: 'directie@spitsbergen.example',
			password: 'eeee-ffff-gggg-hhhh',
			role: 'admin',
			title: 'director'
		},
		{
			name: 'Anouk Visser',
			email: 'anouk.visser@spitsbergen.example',
			password: 'iiii-jjjj-kkkk-llll',
			role: 'teacher',
			title: 'teacher'
		}
	],
	newsletterUrl: `${origin}/n/0123456789abcdef`,
	families: [
		family(1, 'so', 'Abdi Hassan, Ayaan Hassan'),
		family(2, 'tr', 'Can Kaya, Elif Kaya'),
		family(3, 'nl', 'Daan de Vries, Noor de Vries'),
		family(4, 'ar', 'Ilyas El Amrani, Yasmine El Amrani'),
		family(5, 'pl', 'Jakub Nowak'),
		family(6, 'uk', 'Mariia Shevchenko'),
		family(7, 'nl', 'Sem Bakker'),
		family(8, 'ar', 'Omar Haddad')
	]
};

describe('the start banner', () => {
	const banner = formatBanner(credentials, true);
	const lines = banner.split('\n');
	const row = (first: string) => lines.find((l) => l.trimStart().startsWith(first + ' '));

	it('names the sign-in page and an office admin and a teacher with role, e-mail and password', () => {
		expect(banner).toContain('Demo school "obs De Spitsbergen (demo)" loaded.');
		expect(banner).toContain(`Sign in at ${origin}/sign-in`);
		expect(row('role')).toMatch(/^ {2}role +e-mail +password$/);
		expect(row('office (admin)')).toMatch(
			/^ {2}office \(admin\) +kantoor@spitsbergen\.example +aaaa-bbbb-cccc-dddd$/
		);
		expect(row('teacher')).toMatch(
			/^ {2}teacher +anouk\.visser@spitsbergen\.example +iiii-jjjj-kkkk-llll$/
		);
		expect(banner).not.toContain('directie@');
	});

	it('gives one family link each in Dutch, Arabic, Turkish, Ukrainian and Polish, with the children, and none in a language the portal does not speak', () => {
		const rows = ['Dutch', 'Arabic', 'Turkish', 'Ukrainian', 'Polish'].map((language) =>
			row(language)
		);
		expect(rows).toEqual([
			expect.stringMatching(new RegExp(`^ {2}Dutch +${link(3)} {2}Daan de Vries, Noor de Vries$`)),
			expect.stringMatching(
				new RegExp(`^ {2}Arabic +${link(4)} {2}Ilyas El Amrani, Yasmine El Amrani$`)
			),
			expect.stringMatching(new RegExp(`^ {2}Turkish +${link(2)} {2}Can Kaya, Elif Kaya$`)),
			expect.stringMatching(new RegExp(`^ {2}Ukrainian +${link(6)} {2}Mariia Shevchenko$`)),
			expect.stringMatching(new RegExp(`^ {2}Polish +${link(5)} {2}Jakub Nowak$`))
		]);
		// Listed in this order, one after the other.
		expect(lines.indexOf(rows[4]!) - lines.indexOf(rows[0]!)).toBe(4);
		expect(banner).not.toContain(link(1));
		expect(banner).not.toContain('Somali');
	});

	it('lines up the columns of both tables and keeps every link inside 80 columns', () => {
		const accountRows = ['role', 'office (admin)', 'teacher'].map((first) => row(first)!);
		const familyRows = ['language', 'Dutch', 'Arabic', 'Turkish', 'Ukrainian', 'Polish'].map(
			(first) => row(first)!
		);
		// Where the second cell starts: after the first cell and its padding.
		const secondColumn = (l: string) => /^ {2}\S.*? {2,}(?=\S)/.exec(l)![0].length;
		expect(new Set([...accountRows, ...familyRows].map(secondColumn)).size).toBe(1);
		const passwordColumn = accountRows.map((l) => l.lastIndexOf(' ') + 1);
		expect(new Set(passwordColumn).size).toBe(1);
		const childrenColumn = familyRows.map((l) => l.indexOf(l.split(/ {2,}/)[3]!, secondColumn(l)));
		expect(new Set(childrenColumn).size).toBe(1);
		for (const l of familyRows.slice(1)) expect(l.indexOf('/f/') + 35).toBeLessThanOrEqual(80);
	});

	it('says that passwords and links are renewed at every start, and stays short', () => {
		expect(banner).toMatch(
			/Passwords and links are renewed at every start; older ones stop working\./
		);
		expect(banner.trim().split('\n').length).toBeLessThanOrEqual(16);
		expect(formatBanner(credentials, false)).toContain(
			'Demo school "obs De Spitsbergen (demo)" ready.'
		);
	});
});
