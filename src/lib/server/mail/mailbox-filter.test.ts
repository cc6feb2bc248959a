import { describe, expect, it } from 'vitest';
import { mailboxHref, readMailboxFilter } from './mailbox-filter';

const read = (query: string) => readMailboxFilter(new URLSearchParams(query));
const FAMILY = '0b6c2a55-3f1e-4c1a-9d7e-2f7a1c0e9b11';

describe('the Mailbox filter in its address', () => {
	it('reads the values other pages link with', () => {
		expect(read(`state=failed&kind=visit_booked&family=${FAMILY}&page=3`)).toEqual({
			state: 'failed',
			kind: 'visit_booked',
			familyId: FAMILY,
			page: 3
		});
		expect(read('state=queued').state).toBe('queued');
		expect(read('state=sent').state).toBe('sent');
	});

	it('leaves out what it does not know, quietly', () => {
		const none = { state: null, kind: null, familyId: null, page: 1 };
		expect(read('')).toEqual(none);
		expect(read('state=pending&kind=spam&family=1%20or%201=1&page=-2')).toEqual(none);
		for (const page of ['0', '1.5', 'abc', '1e400', '99999999999999999999'])
			expect(read(`page=${page}`).page, page).toBe(1);
		expect(read('state=FAILED&kind=Invitation').state).toBeNull();
	});

	it('writes the address back without empty parts, so it reads as it was', () => {
		expect(mailboxHref({})).toBe('/staff/mailbox');
		expect(mailboxHref({ state: null, kind: null, familyId: null, page: 1 })).toBe(
			'/staff/mailbox'
		);
		const href = mailboxHref({ state: 'failed', kind: 'nudge', familyId: FAMILY, page: 2 });
		expect(href).toBe(`/staff/mailbox?state=failed&kind=nudge&family=${FAMILY}&page=2`);
		expect(read(href.split('?')[1]!)).toEqual({
			state: 'failed',
			kind: 'nudge',
			familyId: FAMILY,
			page: 2
		});
		expect(mailboxHref({ state: 'sent' }, { resent: '1' })).toBe(
			'/staff/mailbox?state=sent&resent=1'
		);
	});
});
