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
		const read = readChoice(
			form({
				location: 'home',
				slotId,
				interpreter: 'yes',
				interpreterLanguage: 'ar',
				questions: 'Vraag\r\none\u0000',
				reason: 'privacy'
			})
		);
		expect(read.ok).toBe(true);
		expect(read.ok && read.value).toMatchObject({
			location: 'home',
			slotId,
			interpreterLanguage: 'ar',
			parentQuestions: 'Vraag\none',
			notHomeReason: null
		});
	});

	it('refuses too long text, an unknown interpreter language, a missing slot and a neutral place without a place, field by field', () => {
		const read = readChoice(
			form({
				location: 'neutral',
				slotId: 'abc',
				interpreter: 'yes',
				interpreterLanguage: 'xx',
				questions: 'x'.repeat(1001),
				reasonText: 'y'.repeat(501)
			})
		);
		expect(read.ok).toBe(false);
		expect(read.ok ? null : read.errors).toEqual({
			placeId: 'family.problems.choose_neutral_place',
			slotId: 'family.problems.choose_slot',
			interpreterLanguage: 'family.problems.choose_interpreter_language',
			questions: 'family.problems.questions_too_long',
			reasonText: 'family.problems.reason_too_long'
		});
		// What the parent typed comes back to the form.
		expect(read.values.questions).toHaveLength(1001);
	});

	it('refuses an unknown place and ignores an unknown reason', () => {
		expect(readChoice(form({ location: 'garden', slotId }))).toMatchObject({
			ok: false,
			errors: { location: 'family.problems.choose_place' }
		});
		const school = readChoice(form({ location: 'school', slotId, reason: '<b>' }));
		expect(school.ok && school.value.notHomeReason).toBeNull();
		expect(readDecline(form({ reason: 'no_time', reasonText: 'z'.repeat(600) }))).toMatchObject({
			ok: false,
			errors: { reasonText: 'family.problems.reason_too_long' },
			values: { reason: 'no_time' }
		});
		expect(readDecline(form({ reason: 'nonsense', reasonText: '' }))).toEqual({
			ok: true,
			value: { code: null, text: null },
			values: { reason: '', reasonText: '' }
		});
	});

	it("says the office's problems in the office's words", () => {
		expect(readChoice(form({ location: 'school', note: 'n'.repeat(1001) }), 'staff')).toMatchObject(
			{
				ok: false,
				errors: { slotId: 'families.errors.choose_slot', note: 'families.errors.note_too_long' }
			}
		);
		expect(readDecline(form({ reasonText: 'z'.repeat(600) }), 'staff')).toMatchObject({
			ok: false,
			errors: { reasonText: 'families.errors.reason_too_long' }
		});
	});

	describe('the interpreter: none, bring or arrange, and the language for both', () => {
		const interpreterOf = (fields: Record<string, string>, author?: 'parent' | 'staff') => {
			const read = readChoice(form({ location: 'school', slotId, ...fields }), author);
			return read.ok
				? [read.value.interpreterLanguage, read.value.ownInterpreterLanguage]
				: read.errors;
		};

		it('keeps the language in the column that says who sees to it', () => {
			expect(interpreterOf({ interpreter: 'none', interpreterLanguage: 'tr' })).toEqual([
				null,
				null
			]);
			expect(interpreterOf({ interpreter: 'bring', interpreterLanguage: 'tr' })).toEqual([
				null,
				'tr'
			]);
			expect(interpreterOf({ interpreter: 'arrange', interpreterLanguage: 'tr' })).toEqual([
				'tr',
				null
			]);
			// Nothing chosen (or something no page sends): no interpreter.
			expect(interpreterOf({ interpreterLanguage: 'tr' })).toEqual([null, null]);
			expect(interpreterOf({ interpreter: 'maybe', interpreterLanguage: 'tr' })).toEqual([
				null,
				null
			]);
		});

		it('still reads a form from the page before: yes is arranged by the school', () => {
			expect(interpreterOf({ interpreter: 'yes', interpreterLanguage: 'ar' })).toEqual([
				'ar',
				null
			]);
			expect(interpreterOf({ interpreter: 'no', interpreterLanguage: 'ar' })).toEqual([null, null]);
			// The office's older form: one list, a language meant "arrange".
			expect(interpreterOf({ interpreterLanguage: 'ar' }, 'staff')).toEqual(['ar', null]);
			expect(interpreterOf({ interpreterLanguage: '' }, 'staff')).toEqual([null, null]);
		});

		it('refuses bring or arrange without a language from the list, in each side’s words', () => {
			for (const interpreter of ['bring', 'arrange', 'yes'])
				for (const interpreterLanguage of ['', 'xx', 'nl', '<b>'])
					expect(interpreterOf({ interpreter, interpreterLanguage })).toEqual({
						interpreterLanguage: 'family.problems.choose_interpreter_language'
					});
			expect(interpreterOf({ interpreter: 'bring' }, 'staff')).toEqual({
				interpreterLanguage: 'families.errors.choose_interpreter_language'
			});
			const refused = readChoice(form({ location: 'school', slotId, interpreter: 'bring' }));
			expect(refused.values).toMatchObject({ interpreter: 'bring', interpreterLanguage: '' });
		});
	});
});
