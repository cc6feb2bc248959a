import { describe, expect, it } from 'vitest';
import { readTableParams, tableHref } from './families-table';

const read = (query: string) => readTableParams(new URLSearchParams(query));
const ID = '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e';

describe('the families table address', () => {
	it('reads every parameter of the contract', () => {
		expect(
			read(
				`round=${ID}&status=this_week&group=${ID}&visitor=${ID}&q=de vries&sort=visitor&dir=desc&page=3`
			)
		).toEqual({
			roundId: ID,
			status: 'this_week',
			groupId: ID,
			visitorId: ID,
			q: 'de vries',
			sort: 'visitor',
			desc: true,
			page: 3
		});
		expect(read('sort=-time')).toMatchObject({ sort: 'time', desc: true });
		expect(read('sort=-time&dir=asc')).toMatchObject({ sort: 'time', desc: false });
	});

	it('falls back quietly on anything unknown or malformed', () => {
		const defaults = {
			roundId: null,
			status: null,
			groupId: null,
			visitorId: null,
			q: '',
			sort: 'family',
			desc: false,
			page: 1
		};
		for (const query of [
			'',
			'status=open&sort=phone&dir=desc&page=0',
			"round=1' or '1&group=abc&visitor=../../x",
			'page=-2',
			'page=1e9',
			'status=BOOKED'
		])
			expect(read(query), query).toEqual(defaults);
		expect(read('page=99999999999').page).toBe(1);
		expect(read(`q=${'x'.repeat(500)}`).q).toHaveLength(100);
		expect(read('q=%20%20noor%09%0Ade%00vries%20').q).toBe('noor de vries');
	});

	it('orders lists of visits by time unless told otherwise', () => {
		expect(read('status=home').sort).toBe('time');
		expect(read('status=this_week').sort).toBe('time');
		expect(read('status=not_answered').sort).toBe('family');
		expect(read('status=home&sort=group').sort).toBe('group');
	});

	it('writes links with only what differs from the default, starting again at page 1', () => {
		const current = read(`status=home&group=${ID}&q=noor&page=4`);
		expect(tableHref(current)).toBe(`/staff/families?status=home&group=${ID}&q=noor`);
		expect(tableHref(current, { page: 5 })).toBe(
			`/staff/families?status=home&group=${ID}&q=noor&page=5`
		);
		expect(tableHref(current, { sort: 'family' })).toBe(
			`/staff/families?status=home&group=${ID}&q=noor&sort=family`
		);
		expect(tableHref(current, { sort: 'time', desc: true })).toBe(
			`/staff/families?status=home&group=${ID}&q=noor&sort=time&dir=desc`
		);
		expect(tableHref(read(''))).toBe('/staff/families');
		// What a link writes reads back the same.
		const back = read(tableHref(current, { page: 2, visitorId: ID }).split('?')[1]!);
		expect(back).toEqual({ ...current, page: 2, visitorId: ID });
	});
});
