import { describe, expect, it } from 'vitest';
import { planSlots, type SlotPattern } from './plan';
import { toWallTime } from '../time/zone';

const AMS = 'Europe/Amsterdam';
const pattern: SlotPattern = {
	from: '2026-10-20',
	to: '2026-10-29',
	weekdays: [2, 4],
	startTime: '15:30',
	endTime: '20:00',
	visitMinutes: 45,
	travelMinutes: 15
};

describe('planning slots from a pattern', () => {
	it('leaves travel time between visits and keeps the wall clock across the end of summer time', () => {
		const result = planSlots(pattern, AMS);
		if (!result.ok) throw new Error(result.problem);
		// Tue 20, Thu 22, Tue 27, Thu 29 October; 15:30, 16:30, 17:30, 18:30 (19:30 would end after 20:00).
		expect(result.slots).toHaveLength(16);
		const walls = result.slots.map(
			(s) =>
				`${toWallTime(s.startsAt, AMS).date} ${toWallTime(s.startsAt, AMS).time}-${toWallTime(s.endsAt, AMS).time}`
		);
		expect(walls.slice(0, 4)).toEqual([
			'2026-10-20 15:30-16:15',
			'2026-10-20 16:30-17:15',
			'2026-10-20 17:30-18:15',
			'2026-10-20 18:30-19:15'
		]);
		expect(walls.filter((w) => w.endsWith('15:30-16:15'))).toHaveLength(4);
		expect(result.slots[4]!.startsAt.toISOString()).toBe('2026-10-22T13:30:00.000Z');
		expect(result.slots[8]!.startsAt.toISOString()).toBe('2026-10-27T14:30:00.000Z');
	});

	it('packs meetings at school back to back when there is no travel', () => {
		const result = planSlots(
			{
				...pattern,
				from: '2026-11-03',
				to: '2026-11-03',
				startTime: '15:00',
				endTime: '17:00',
				visitMinutes: 30,
				travelMinutes: 0
			},
			AMS
		);
		expect(result.ok && result.slots.length).toBe(4);
	});

	it('names what is wrong with a pattern', () => {
		expect(planSlots({ ...pattern, from: '2026-02-30' }, AMS)).toEqual({
			ok: false,
			problem: 'invalid_dates'
		});
		expect(planSlots({ ...pattern, to: '2026-10-01' }, AMS)).toEqual({
			ok: false,
			problem: 'to_before_from'
		});
		expect(planSlots({ ...pattern, weekdays: [] }, AMS)).toEqual({
			ok: false,
			problem: 'no_weekdays'
		});
		expect(planSlots({ ...pattern, weekdays: [9] }, AMS)).toEqual({
			ok: false,
			problem: 'no_weekdays'
		});
		expect(planSlots({ ...pattern, startTime: '25:00' }, AMS)).toEqual({
			ok: false,
			problem: 'invalid_times'
		});
		expect(planSlots({ ...pattern, endTime: '15:00' }, AMS)).toEqual({
			ok: false,
			problem: 'end_before_start'
		});
		expect(planSlots({ ...pattern, visitMinutes: 5 }, AMS)).toEqual({
			ok: false,
			problem: 'invalid_length'
		});
		expect(planSlots({ ...pattern, travelMinutes: -1 }, AMS)).toEqual({
			ok: false,
			problem: 'invalid_length'
		});
		expect(planSlots({ ...pattern, endTime: '16:00' }, AMS)).toEqual({
			ok: false,
			problem: 'no_slots'
		});
		expect(planSlots({ ...pattern, to: '2027-06-01' }, AMS)).toEqual({
			ok: false,
			problem: 'range_too_long'
		});
		expect(
			planSlots(
				{
					...pattern,
					to: '2027-01-10',
					weekdays: [1, 2, 3, 4, 5, 6, 7],
					startTime: '08:00',
					endTime: '22:00',
					visitMinutes: 10,
					travelMinutes: 0
				},
				AMS
			)
		).toEqual({ ok: false, problem: 'too_many_slots' });
	});
});
