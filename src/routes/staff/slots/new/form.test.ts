import { describe, expect, it } from 'vitest';
import { readNewSlots } from './form';

const form = (fields: Record<string, string | string[]>) => {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields))
		for (const v of [value].flat()) data.append(name, v);
	return data;
};
const pattern = {
	from: '2026-10-19',
	to: '2026-10-23',
	weekday: ['2', '4'],
	startTime: '15:30',
	endTime: '20:00',
	visitMinutes: '45',
	travelMinutes: '15',
	place: ['home', 'school']
};

describe('the new slots form', () => {
	it('reads nobody along as null, and a colleague as their id', () => {
		const alone = readNewSlots(form({ ...pattern, secondStaffId: '' }));
		expect(alone).toMatchObject({
			ok: true,
			value: {
				secondStaffId: null,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: false,
				pattern: { weekdays: [2, 4], visitMinutes: 45 }
			}
		});
		const id = '0d6eefbe-0393-46ab-865f-c80ac745d216';
		expect(readNewSlots(form({ ...pattern, secondStaffId: id }))).toMatchObject({
			ok: true,
			value: { secondStaffId: id }
		});
	});

	it('refuses a second person that is no id at all, as an unknown colleague, and gives the form back', () => {
		expect(readNewSlots(form({ ...pattern, secondStaffId: 'not-a-colleague' }))).toMatchObject({
			ok: false,
			errors: { secondStaffId: 'slots.errors.unknown_staff' },
			values: {
				secondStaffId: 'not-a-colleague',
				from: '2026-10-19',
				weekdays: [2, 4],
				places: ['home', 'school']
			}
		});
	});
});
