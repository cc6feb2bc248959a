import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { foldLine, visitCalendar } from './ics';
import { fromWallTime } from '../time/zone';

const visit = (date: string) => ({
	uid: '7c0b2a8e-0000-4000-8000-000000000001@huisbezoek',
	sequence: 2,
	startsAt: fromWallTime(date, '16:00', 'Europe/Amsterdam')!,
	endsAt: fromWallTime(date, '16:45', 'Europe/Amsterdam')!,
	title: 'زيارة منزلية من مدرسة النجمة، مع المعلمة فاطمة دمير',
	location: 'في البيت',
	description:
		'المعلمة: فاطمة دمير\nمترجم: نعم، العربية\nأسئلة؟ اتصلوا بالمدرسة: 020 123 4567; "quotes", commas\u0007 and a bell'
});

describe('visit calendar files', () => {
	it('folds at 75 octets without splitting a character, and a strict parser reads it back', () => {
		for (const date of ['2026-10-23', '2026-10-26']) {
			const text = visitCalendar(visit(date));
			for (const line of text.split('\r\n'))
				expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
			const event = new ICAL.Event(
				new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!
			);
			expect(event.summary).toBe(visit(date).title);
			expect(event.uid).toBe(visit(date).uid);
			expect(event.sequence).toBe(2);
			expect(event.description).not.toContain('\u0007');
			expect(event.description).toContain('"quotes", commas');
			// 16:00 in Amsterdam: 14:00Z in summer time (23 Oct), 15:00Z after the clocks go back (26 Oct).
			expect(event.startDate.toJSDate().toISOString()).toBe(
				date === '2026-10-23' ? '2026-10-23T14:00:00.000Z' : '2026-10-26T15:00:00.000Z'
			);
		}
	});

	it('keeps short lines as they are', () => {
		expect(foldLine('SUMMARY:kort')).toBe('SUMMARY:kort');
		const folded = foldLine('DESCRIPTION:' + 'é'.repeat(80));
		expect(folded.split('\r\n ').join('')).toBe('DESCRIPTION:' + 'é'.repeat(80));
	});
});
