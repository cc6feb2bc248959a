import { describe, expect, it } from 'vitest';
import { readSchoolForm } from './settings';

const form = (fields: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.set(k, v);
	return f;
};

describe('the school details form', () => {
	it('reads one line per field, lower-cases the reply address and reads the checkbox', () => {
		const read = readSchoolForm(
			form({
				name: '  obs De Spitsbergen\r\nBcc: x@y.nl ',
				street: 'Spitsbergenstraat 1',
				postalCode: '1013 AA',
				city: 'Amsterdam',
				phone: '020 123 4567',
				mailFromName: '',
				replyTo: 'Kantoor@School.NL',
				staffInviteDetails: 'yes',
				timeZone: 'Europe/Brussels'
			})
		);
		expect(read).toMatchObject({
			ok: true,
			value: {
				name: 'obs De Spitsbergen Bcc: x@y.nl',
				street: 'Spitsbergenstraat 1',
				postalCode: '1013 AA',
				city: 'Amsterdam',
				phone: '020 123 4567',
				mailFromName: '',
				replyTo: 'kantoor@school.nl',
				staffInviteDetails: true,
				timeZone: 'Europe/Brussels'
			}
		});
	});
	it('refuses a missing name, a text that is too long and a reply address that is no address', () => {
		const read = readSchoolForm(
			form({
				name: '',
				phone: '0'.repeat(41),
				replyTo: 'kantoor at school',
				timeZone: 'Mars/Olympus'
			})
		);
		expect(read.ok).toBe(false);
		if (read.ok) return;
		expect(read.errors).toEqual({
			name: 'school_settings.errors.name',
			phone: 'school_settings.errors.too_long',
			replyTo: 'school_settings.errors.reply_to',
			timeZone: 'school_settings.errors.time_zone'
		});
		expect(read.values.phone).toHaveLength(41);
		expect(read.values.staffInviteDetails).toBe(false);
	});
});
