import { describe, expect, it } from 'vitest';
import { bookingDataKeptUntil, monthsBefore } from './policy';
import { readPolicyForm } from './settings';

const form = (fields: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.set(k, v);
	return f;
};

describe('retention dates', () => {
	const dutch = { schoolYearEnds: '07-31', bookingRetentionDays: null, reportRetentionMonths: 24 };
	it('keeps a round until the end of the school year it is in', () => {
		expect(bookingDataKeptUntil('2026-11-13', dutch)).toBe('2027-07-31');
		expect(bookingDataKeptUntil('2027-03-20', dutch)).toBe('2027-07-31');
		// A round ending on the last day itself is kept that day, not a year longer.
		expect(bookingDataKeptUntil('2027-07-31', dutch)).toBe('2027-07-31');
		expect(bookingDataKeptUntil('2027-06-20', { ...dutch, schoolYearEnds: '06-30' })).toBe(
			'2027-06-30'
		);
	});
	it('or a fixed number of days after its last day', () => {
		expect(bookingDataKeptUntil('2026-11-13', { ...dutch, bookingRetentionDays: 28 })).toBe(
			'2026-12-11'
		);
	});
	it('counts report months back from now', () => {
		expect(monthsBefore(new Date('2028-10-29T08:00:00Z'), 24).toISOString()).toBe(
			'2026-10-29T08:00:00.000Z'
		);
	});
});

describe('the retention settings form', () => {
	it('accepts the offered choices', () => {
		expect(
			readPolicyForm(form({ schoolYearEnds: '06-30', bookings: 'end_of_year', reportMonths: '12' }))
		).toMatchObject({
			ok: true,
			value: { schoolYearEnds: '06-30', bookingRetentionDays: null, reportRetentionMonths: 12 }
		});
		expect(
			readPolicyForm(form({ schoolYearEnds: '07-31', bookings: '91', reportMonths: '120' }))
		).toMatchObject({ ok: true, value: { bookingRetentionDays: 91 } });
	});
	it('refuses anything else, field by field, and keeps what was typed', () => {
		const read = readPolicyForm(
			form({ schoolYearEnds: '31-07', bookings: '5', reportMonths: '0' })
		);
		expect(read).toEqual({
			ok: false,
			errors: {
				schoolYearEnds: 'privacy.errors.school_year_ends',
				bookings: 'privacy.errors.bookings',
				reportMonths: 'privacy.errors.report_months'
			},
			values: { schoolYearEnds: '31-07', bookings: '5', reportMonths: '0' }
		});
		expect(
			readPolicyForm(form({ schoolYearEnds: '07-31', bookings: '28', reportMonths: '12.5' })).ok
		).toBe(false);
		expect(
			readPolicyForm(form({ schoolYearEnds: '13-01', bookings: '28', reportMonths: '12' })).ok
		).toBe(false);
	});
});
