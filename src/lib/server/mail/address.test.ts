import { describe, expect, it } from 'vitest';
import { mailAddress } from './address';
import { visitCalendar } from '../calendar/ics';

const visit = {
	uid: 'x@huisbezoek',
	sequence: 0,
	startsAt: new Date('2026-10-28T15:00:00Z'),
	endsAt: new Date('2026-10-28T15:45:00Z'),
	title: 'Huisbezoek',
	location: 'Op school',
	description: ''
};
const organizer = { name: 'OBS De Ster', email: 'huisbezoek@school.example' };

describe('which addresses the portal can mail', () => {
	it('takes plain addresses, lower-cased', () => {
		expect(mailAddress('Sanne', ' Sanne.de-Vries+school@Example.NL ')).toEqual({
			name: 'Sanne',
			address: 'sanne.de-vries+school@example.nl'
		});
		expect(mailAddress('', "o'brien@mail.example.co.uk")?.address).toBe(
			"o'brien@mail.example.co.uk"
		);
	});

	it('refuses letters outside ASCII and host names a mail server or an invite refuses', () => {
		for (const address of [
			'jösé@example.com',
			'ayşe@example.com',
			'olena@приклад.укр',
			'x@ster_school.example',
			'x@-ster.example',
			'x@ster-.example',
			'x@ster..example',
			'x@ster.example.',
			'a b@example.com',
			'a@b.nl\r\nBcc: c@d.nl'
		]) {
			expect(mailAddress('', address), address).toBeNull();
		}
	});

	it('passes only what a calendar invite takes as its attendee', () => {
		for (const address of [
			'sanne.devries@example.nl',
			'a.b+c@x-y.example',
			"o'brien@mail.example.co.uk",
			'jösé@example.com',
			'x@ster_school.example',
			'x@ster.example.'
		]) {
			const plain = mailAddress('Ouder', address);
			if (!plain) continue;
			expect(
				() =>
					visitCalendar(visit, 'REQUEST', {
						organizer,
						attendee: { name: plain.name, email: plain.address }
					}),
				address
			).not.toThrow();
		}
	});
});
