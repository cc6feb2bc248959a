/**
 * The lines that say who interprets, rendered as the week and the day sheet render them: each
 * state in words, a phone to dial, and for a colleague who interprets only what that takes.
 */
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { translatorFor } from '$lib/server/i18n';
import VisitInterpreter from './visit-interpreter.svelte';
import InterpretingVisit from './interpreting-visit.svelte';

const text = (html: string) =>
	html
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();

describe('who interprets', () => {
	const { t } = translatorFor('nl');
	const line = (visit: Parameters<typeof VisitInterpreter>[1]['visit'], lang = 'nl') =>
		render(VisitInterpreter, { props: { visit, lang, t } }).body;
	const none = { interpreterLanguage: null, interpreter: null, ownInterpreterLanguage: null };

	it('says each state of a visit in words', () => {
		expect(text(line(none))).toBe('');
		expect(text(line({ ...none, interpreterLanguage: 'tr' }))).toBe(
			'Tolk: Turks — nog te regelen (administratie)'
		);
		expect(text(line({ ...none, ownInterpreterLanguage: 'tr' }))).toBe(
			'Het gezin neemt zelf iemand mee om te tolken: Turks'
		);
		const arranged = line({
			...none,
			interpreterLanguage: 'tr',
			interpreter: {
				name: 'Fatma Demir',
				kind: 'staff',
				mode: 'in_person',
				contactName: null,
				phone: '06 4455 6677'
			}
		});
		expect(text(arranged)).toBe(
			'Tolk: Turks — Fatma Demir (collega), aanwezig bij het gesprek Telefoon: 06 4455 6677'
		);
		expect(arranged).toContain('href="tel:0644556677"');
		const service = line({
			...none,
			interpreterLanguage: 'ar',
			interpreter: {
				name: 'Tolkcentrum Nederland',
				kind: 'service',
				mode: 'phone',
				contactName: 'Youssef',
				phone: null
			}
		});
		expect(text(service)).toBe(
			'Tolk: Arabisch — Youssef, Tolkcentrum Nederland (tolkendienst), via de telefoon'
		);
		expect(service).not.toContain('tel:');
	});

	it('gives a colleague who interprets the time’s essentials, and no link but the school’s phone', () => {
		const visit = {
			language: 'tr',
			mode: 'in_person' as const,
			location: 'home' as const,
			address: 'Molukkenstraat 7, 1095 AT Amsterdam',
			placeName: null,
			teacher: 'Anouk Visser',
			schoolPhone: '020 123 4567'
		};
		const mine = render(InterpretingVisit, {
			props: { visit, isMe: true, person: 'Fatma Demir', lang: 'nl', t }
		}).body;
		expect(text(mine)).toBe(
			'U tolkt (Turks) Thuis: Molukkenstraat 7, 1095 AT Amsterdam Hoe: aanwezig bij het gesprek Leerkracht: Anouk Visser Telefoon van school: 020 123 4567'
		);
		expect(mine.match(/href="[^"]*"/g)).toEqual(['href="tel:0201234567"']);
		const theirs = render(InterpretingVisit, {
			props: {
				visit: { ...visit, mode: 'phone' as const, address: null },
				isMe: false,
				person: 'Fatma Demir',
				lang: 'nl',
				t
			}
		}).body;
		expect(text(theirs)).toContain('Fatma Demir tolkt (Turks) Thuis Hoe: via de telefoon');
	});
});

describe('the week of a colleague who interprets', () => {
	it('shows the visit read-only: no family, no change link', async () => {
		const { default: Week } = await import('./+page.svelte');
		const { t } = translatorFor('nl');
		const entry = {
			id: '00000000-0000-4000-8000-000000000001',
			staffId: '00000000-0000-4000-8000-000000000002',
			start: '18:00',
			end: '18:45',
			teacher: 'Anouk Visser',
			secondStaff: null,
			allowsHome: false,
			allowsSchool: false,
			allowsNeutral: false,
			booked: true,
			visit: null,
			interpreting: {
				slotId: '00000000-0000-4000-8000-000000000001',
				language: 'tr',
				mode: 'phone',
				location: 'school',
				address: null,
				placeName: null,
				teacherId: '00000000-0000-4000-8000-000000000002',
				teacher: 'Anouk Visser',
				schoolPhone: '020 123 4567'
			}
		};
		const data = {
			t,
			lang: 'nl',
			round: null,
			person: { id: 'me', name: 'Fatma Demir', isMe: true },
			people: [],
			week: {
				monday: '2026-11-02',
				sunday: '2026-11-08',
				number: 45,
				previous: '2026-10-26',
				next: '2026-11-09'
			},
			days: [{ date: '2026-11-02', slots: [entry] }],
			done: null,
			mailedIn: null,
			created: 0
		};
		const html = render(Week, { props: { data } as never }).body;
		expect(text(html)).toContain(
			'18:00–18:45 Geboekt U tolkt (Turks) Op school Hoe: via de telefoon'
		);
		expect(html).not.toContain('/staff/families/');
		expect(html).not.toContain(`/staff/slots/${entry.id}`);
		expect(html).toContain('/staff/slots/day?date=2026-11-02');
	});
});
