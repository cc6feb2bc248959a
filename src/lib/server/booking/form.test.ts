import { describe, expect, it } from 'vitest';
import { readChoice, readDecline } from './form';

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.set(k, v);
	return data;
};
const slotId = '7c0b2a8e-0000-4000-8000-000000000001';

describe("reading a parent's choice", () => {
	it('accepts a home visit with an interpreter and questions, cleaned of control characters', () => {
		const { choice, problems } = readChoice(form({ location: 'home', slotId, interpreter: 'yes', interpreterLanguage: 'ar', questions: 'Vraag\r\none\u0000', reason: 'privacy' }));
		expect(problems).toEqual([]);
		expect(choice).toMatchObject({ location: 'home', slotId, interpreterLanguage: 'ar', parentQuestions: 'Vraag\none', notHomeReason: null });
	});

	it('refuses too long text, an unknown interpreter language, a missing slot and a neutral place without a place', () => {
		const { choice, problems, values } = readChoice(form({ location: 'neutral', slotId: 'abc', interpreter: 'yes', interpreterLanguage: 'xx', questions: 'x'.repeat(1001), reasonText: 'y'.repeat(501) }));
		expect(choice).toBeNull();
		expect(problems.sort()).toEqual(['choose_interpreter_language', 'choose_neutral_place', 'choose_slot', 'questions_too_long', 'reason_too_long']);
		// What the parent typed comes back to the form.
		expect(values.questions).toHaveLength(1001);
	});

	it('refuses an unknown place and ignores an unknown reason', () => {
		expect(readChoice(form({ location: 'garden', slotId })).problems).toEqual(['choose_place']);
		expect(readChoice(form({ location: 'school', slotId, reason: '<b>' })).choice?.notHomeReason).toBeNull();
		expect(readDecline(form({ reason: 'no_time', reasonText: 'z'.repeat(600) }))).toMatchObject({ reason: 'no_time', problems: ['reason_too_long'] });
	});
});
