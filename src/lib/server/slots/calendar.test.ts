import { describe, expect, it } from 'vitest';
import { chooseWeek, groupByDay, isoWeek, mondayOf, weekBounds } from './calendar';

describe('the week view', () => {
	it('finds Mondays, ISO weeks and the week to show', () => {
		expect(mondayOf('2026-11-01')).toBe('2026-10-26');
		expect(mondayOf('2026-10-26')).toBe('2026-10-26');
		expect(isoWeek('2026-10-26')).toBe(44);
		expect(isoWeek('2026-12-28')).toBe(53);
		expect(isoWeek('2027-01-04')).toBe(1);
		expect(chooseWeek('2026-10-29', '2026-11-23', null)).toBe('2026-10-26');
		expect(chooseWeek(null, '2026-10-01', '2026-10-26')).toBe('2026-10-26');
		expect(chooseWeek('nonsense', '2026-11-23', '2026-10-26')).toBe('2026-11-23');
	});

	it('spans 169 hours in the week the clocks go back, and shows wall-clock times', () => {
		const { from, to } = weekBounds('2026-10-19', 'Europe/Amsterdam');
		expect((to.getTime() - from.getTime()) / 3_600_000).toBe(169);
		const days = groupByDay(
			'2026-10-19',
			[
				{
					id: 'a',
					staffId: 's',
					startsAt: new Date('2026-10-25T15:00:00Z'),
					endsAt: new Date('2026-10-25T15:45:00Z'),
					teacher: 'A',
					secondStaff: null,
					allowsHome: true,
					allowsSchool: true,
					allowsNeutral: true,
					booked: false
				}
			],
			'Europe/Amsterdam'
		);
		expect(days[6]).toMatchObject({
			date: '2026-10-25',
			slots: [{ start: '16:00', end: '16:45' }]
		});
	});
});
