/**
 * Reading a family's choice from a submitted form, for the parent's page and the office's
 * "book on behalf" alike. Too long is refused with a message, not cut off: a parent who wrote
 * 1,200 characters should hear so and keep their text, not lose its end without a word.
 */
import type { FormErrors, FormRead } from '../../forms';
import { field, isUuid, multiLine, singleLine } from '../forms';
import type { Location, VisitChoice } from './answer';
import { interpreterLanguages, notHomeReasons } from './choices';

export const QUESTIONS_MAX = 1000;
export const ADDRESS_MAX = 200;
export const REASON_TEXT_MAX = 500;
export const NOTE_MAX = 1000;

export const locations: readonly Location[] = ['home', 'school', 'neutral'];

/**
 * The family's choice of interpreter: none; they bring someone (a relative or friend, never the
 * child); or the school arranges one. Bringing and arranging both name the language.
 */
export const interpreterChoices = ['none', 'bring', 'arrange'] as const;
export type InterpreterChoice = (typeof interpreterChoices)[number];

/** The choice a stored answer stands for: the column that holds a language says which. */
export const interpreterChoiceOf = (answer: {
	interpreterLanguage: string | null;
	ownInterpreterLanguage: string | null;
}): InterpreterChoice =>
	answer.interpreterLanguage ? 'arrange' : answer.ownInterpreterLanguage ? 'bring' : 'none';

/**
 * The choice a form posted. Pages from before the three-way choice sent yes/no (yes: the school
 * arranges one), and the office's older form one list where a language meant "arrange".
 */
function postedInterpreter(form: FormData, author: ChoiceAuthor): InterpreterChoice | '' {
	const asked = field(form, 'interpreter');
	if ((interpreterChoices as readonly string[]).includes(asked)) return asked as InterpreterChoice;
	if (asked === 'yes') return 'arrange';
	if (asked === 'no') return 'none';
	if (asked === '' && author === 'staff')
		return field(form, 'interpreterLanguage') ? 'arrange' : 'none';
	return '';
}

export type ChoiceProblem =
	| 'choose_slot'
	| 'choose_place'
	| 'choose_neutral_place'
	| 'choose_interpreter_language'
	| 'questions_too_long'
	| 'address_too_long'
	| 'reason_too_long'
	| 'note_too_long';

/** The fields a refusal names; `location` is the place tab the form was sent from. */
export type ChoiceField =
	| 'location'
	| 'placeId'
	| 'slotId'
	| 'interpreterLanguage'
	| 'questions'
	| 'visitAddress'
	| 'reasonText'
	| 'note';

/** What the form held, cleaned, so that a refused form comes back filled in. */
export interface ChoiceValues {
	location: string;
	slotId: string;
	placeId: string;
	visitAddress: string;
	interpreter: InterpreterChoice | '';
	interpreterLanguage: string;
	questions: string;
	reason: string;
	reasonText: string;
	/** The staff note: only on the office's form. */
	note: string;
}

/**
 * Who fills in the form. Parents write their own questions; staff write a note of their own and
 * never the parents' questions, which stay as the family wrote them.
 */
export type ChoiceAuthor = 'parent' | 'staff';

/** Each author reads the problems in their own words: the parents' page, or the office's. */
/** Where each side's messages are: the parents' words, or the office's. Every problem has a key in both. */
const problemKeys = { parent: 'family.problems', staff: 'families.errors' } as const;

export const isLocation = (value: string): value is Location =>
	(locations as readonly string[]).includes(value);
export const isNotHomeReason = (value: string) =>
	(notHomeReasons as readonly string[]).includes(value);
export const isInterpreterLanguage = (value: string) =>
	(interpreterLanguages as readonly string[]).includes(value);

export function readChoice(
	form: FormData,
	author: ChoiceAuthor = 'parent'
): FormRead<VisitChoice, ChoiceValues, ChoiceField> {
	const interpreter = postedInterpreter(form, author);
	const interpreterLanguage = field(form, 'interpreterLanguage').slice(0, 10);
	const values: ChoiceValues = {
		location: field(form, 'location').slice(0, 20),
		slotId: field(form, 'slotId').slice(0, 40),
		placeId: field(form, 'placeId').slice(0, 40),
		visitAddress: singleLine(field(form, 'visitAddress')).slice(0, ADDRESS_MAX * 2),
		interpreter,
		interpreterLanguage,
		questions:
			author === 'parent' ? multiLine(field(form, 'questions')).slice(0, QUESTIONS_MAX * 2) : '',
		reason: field(form, 'reason').slice(0, 40),
		reasonText: multiLine(field(form, 'reasonText')).slice(0, REASON_TEXT_MAX * 2),
		note: author === 'staff' ? multiLine(field(form, 'note')).slice(0, NOTE_MAX * 2) : ''
	};
	const errors: FormErrors<ChoiceField> = {};
	const refuse = (name: ChoiceField, problem: ChoiceProblem) =>
		(errors[name] = `${problemKeys[author]}.${problem}`);
	if (!isLocation(values.location)) refuse('location', 'choose_place');
	if (values.location === 'neutral' && !isUuid(values.placeId))
		refuse('placeId', 'choose_neutral_place');
	if (!isUuid(values.slotId)) refuse('slotId', 'choose_slot');
	const withLanguage = values.interpreter === 'bring' || values.interpreter === 'arrange';
	if (withLanguage && !isInterpreterLanguage(values.interpreterLanguage))
		refuse('interpreterLanguage', 'choose_interpreter_language');
	if (values.questions.length > QUESTIONS_MAX) refuse('questions', 'questions_too_long');
	if (values.visitAddress.length > ADDRESS_MAX) refuse('visitAddress', 'address_too_long');
	if (values.reasonText.length > REASON_TEXT_MAX) refuse('reasonText', 'reason_too_long');
	if (values.note.length > NOTE_MAX) refuse('note', 'note_too_long');
	if (Object.keys(errors).length > 0 || !isLocation(values.location))
		return { ok: false, errors, values };
	const notHome = values.location !== 'home';
	return {
		ok: true,
		values,
		value: {
			slotId: values.slotId,
			location: values.location,
			neutralPlaceId: values.location === 'neutral' ? values.placeId : null,
			visitAddress: values.location === 'home' ? values.visitAddress || null : null,
			interpreterLanguage: values.interpreter === 'arrange' ? values.interpreterLanguage : null,
			ownInterpreterLanguage: values.interpreter === 'bring' ? values.interpreterLanguage : null,
			...(author === 'parent'
				? { parentQuestions: values.questions || null }
				: { staffNote: values.note || null }),
			notHomeReason: notHome && isNotHomeReason(values.reason) ? values.reason : null,
			notHomeReasonText: notHome ? values.reasonText || null : null
		}
	};
}

export interface DeclineValues {
	reason: string;
	reasonText: string;
}

/** "No meeting at all": an optional reason from the list and optional words of one's own. */
export function readDecline(
	form: FormData,
	author: ChoiceAuthor = 'parent'
): FormRead<{ code: string | null; text: string | null }, DeclineValues, 'reasonText'> {
	const reason = field(form, 'reason').slice(0, 40);
	const values: DeclineValues = {
		reason: isNotHomeReason(reason) ? reason : '',
		reasonText: multiLine(field(form, 'reasonText')).slice(0, REASON_TEXT_MAX * 2)
	};
	if (values.reasonText.length > REASON_TEXT_MAX)
		return { ok: false, errors: { reasonText: `${problemKeys[author]}.reason_too_long` }, values };
	return {
		ok: true,
		values,
		value: { code: values.reason || null, text: values.reasonText || null }
	};
}
