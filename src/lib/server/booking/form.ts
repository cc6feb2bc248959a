/**
 * Reading a family's choice from a submitted form, for the parent's page and the office's
 * "book on behalf" alike. Too long is refused with a message, not cut off: a parent who wrote
 * 1,200 characters should hear so and keep their text, not lose its end without a word.
 */
import { field, isUuid, multiLine, singleLine } from '../forms';
import type { Location, VisitChoice } from './answer';
import { interpreterLanguages, notHomeReasons } from './choices';

export const QUESTIONS_MAX = 1000;
export const ADDRESS_MAX = 200;
export const REASON_TEXT_MAX = 500;
export const NOTE_MAX = 1000;

export const locations: readonly Location[] = ['home', 'school', 'neutral'];

export type ChoiceProblem = 'choose_slot' | 'choose_place' | 'choose_neutral_place' | 'choose_interpreter_language' | 'questions_too_long' | 'address_too_long' | 'reason_too_long' | 'note_too_long';

/** What the form held, cleaned, so that a refused form comes back filled in. */
export interface ChoiceValues {
	location: string;
	slotId: string;
	placeId: string;
	visitAddress: string;
	interpreter: 'yes' | 'no' | '';
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

export const isLocation = (value: string): value is Location => (locations as readonly string[]).includes(value);
export const isNotHomeReason = (value: string) => (notHomeReasons as readonly string[]).includes(value);
export const isInterpreterLanguage = (value: string) => (interpreterLanguages as readonly string[]).includes(value);

export function readChoice(form: FormData, author: ChoiceAuthor = 'parent'): { values: ChoiceValues; problems: ChoiceProblem[]; choice: VisitChoice | null } {
	const asked = field(form, 'interpreter');
	const interpreterLanguage = field(form, 'interpreterLanguage').slice(0, 10);
	// The office's form has one list ("no interpreter" or a language); the parents' form a yes/no first.
	const interpreter = asked === 'yes' || asked === 'no' ? asked : author === 'staff' ? (interpreterLanguage ? 'yes' : 'no') : '';
	const values: ChoiceValues = {
		location: field(form, 'location').slice(0, 20),
		slotId: field(form, 'slotId').slice(0, 40),
		placeId: field(form, 'placeId').slice(0, 40),
		visitAddress: singleLine(field(form, 'visitAddress')).slice(0, ADDRESS_MAX * 2),
		interpreter,
		interpreterLanguage,
		questions: author === 'parent' ? multiLine(field(form, 'questions')).slice(0, QUESTIONS_MAX * 2) : '',
		reason: field(form, 'reason').slice(0, 40),
		reasonText: multiLine(field(form, 'reasonText')).slice(0, REASON_TEXT_MAX * 2),
		note: author === 'staff' ? multiLine(field(form, 'note')).slice(0, NOTE_MAX * 2) : ''
	};
	const problems: ChoiceProblem[] = [];
	if (!isLocation(values.location)) problems.push('choose_place');
	if (values.location === 'neutral' && !isUuid(values.placeId)) problems.push('choose_neutral_place');
	if (!isUuid(values.slotId)) problems.push('choose_slot');
	if (values.interpreter === 'yes' && !isInterpreterLanguage(values.interpreterLanguage)) problems.push('choose_interpreter_language');
	if (values.questions.length > QUESTIONS_MAX) problems.push('questions_too_long');
	if (values.visitAddress.length > ADDRESS_MAX) problems.push('address_too_long');
	if (values.reasonText.length > REASON_TEXT_MAX) problems.push('reason_too_long');
	if (values.note.length > NOTE_MAX) problems.push('note_too_long');
	if (problems.length > 0 || !isLocation(values.location)) return { values, problems, choice: null };
	const notHome = values.location !== 'home';
	return {
		values,
		problems,
		choice: {
			slotId: values.slotId,
			location: values.location,
			neutralPlaceId: values.location === 'neutral' ? values.placeId : null,
			visitAddress: values.location === 'home' ? values.visitAddress || null : null,
			interpreterLanguage: values.interpreter === 'yes' ? values.interpreterLanguage : null,
			...(author === 'parent' ? { parentQuestions: values.questions || null } : { staffNote: values.note || null }),
			notHomeReason: notHome && isNotHomeReason(values.reason) ? values.reason : null,
			notHomeReasonText: notHome ? values.reasonText || null : null
		}
	};
}

/** "No meeting at all": an optional reason from the list and optional words of one's own. */
export function readDecline(form: FormData): { reason: string; reasonText: string; problems: ChoiceProblem[] } {
	const reason = field(form, 'reason').slice(0, 40);
	const reasonText = multiLine(field(form, 'reasonText')).slice(0, REASON_TEXT_MAX * 2);
	return { reason: isNotHomeReason(reason) ? reason : '', reasonText, problems: reasonText.length > REASON_TEXT_MAX ? ['reason_too_long'] : [] };
}
