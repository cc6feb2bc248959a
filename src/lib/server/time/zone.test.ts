import { describe, expect, it } from 'vitest';
import { addDays, fromWallTime, isDate, offsetMinutes, toWallTime, weekdayOf } from './zone';

const AMS = 'Europe/Amsterdam';

describe('wall-clock time in Amsterdam and Brussels', () => {
	it('puts 16:00 at 14:00 UTC before and 15:00 UTC after the clocks go back on 25 Oct 2026', () => {
		expect(fromWallTime('2026-10-23', '16:00', AMS)!.toISOString()).toBe(
			'2026-10-23T14:00:00.000Z'
		);
		expect(fromWallTime('2026-10-26', '16:00', AMS)!.toISOString()).toBe(
			'2026-10-26T15:00:00.000Z'
		);
		expect(fromWallTime('2026-10-26', '16:00', 'Europe/Brussels')!.toISOString()).toBe(
			'2026-10-26T15:00:00.000Z'
		);
	});

	it('round-trips every quarter hour across both changes of 2026', () => {
		for (const date of [
			'2026-03-28',
			'2026-03-29',
			'2026-03-30',
			'2026-10-24',
			'2026-10-25',
			'2026-10-26'
		]) {
			for (let m = 0; m < 24 * 60; m += 15) {
				const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
				const instant = fromWallTime(date, time, AMS);
				if (date === '2026-03-29' && time >= '02:00' && time < '03:00') {
					expect(instant, `${date} ${time} does not exist`).toBeNull();
					continue;
				}
				expect(instant, `${date} ${time}`).not.toBeNull();
				expect(toWallTime(instant!, AMS)).toMatchObject({ date, time });
			}
		}
	});

	it('takes the first 02:30 on the night the clocks go back', () => {
		expect(fromWallTime('2026-10-25', '02:30', AMS)!.toISOString()).toBe(
			'2026-10-25T00:30:00.000Z'
		);
	});

	it('knows offsets, weekdays and calendar dates', () => {
		expect(offsetMinutes(new Date('2026-10-24T12:00:00Z'), AMS)).toBe(120);
		expect(offsetMinutes(new Date('2026-10-26T12:00:00Z'), AMS)).toBe(60);
		expect(weekdayOf('2026-10-27')).toBe(2);
		expect(weekdayOf('2026-11-01')).toBe(7);
		expect(addDays('2026-10-31', 1)).toBe('2026-11-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(isDate('2026-02-29')).toBe(false);
		expect(isDate('2028-02-29')).toBe(true);
		expect(fromWallTime('2026-13-01', '16:00', AMS)).toBeNull();
		expect(fromWallTime('2026-10-23', '24:00', AMS)).toBeNull();
	});
});
