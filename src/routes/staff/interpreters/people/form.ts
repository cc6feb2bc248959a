import { field } from '$lib/server/forms';
import type { InterpreterInput } from '$lib/server/interpreters/register';

/** An interpreter as typed, bounded; `readInterpreter` cleans and checks it field by field. */
export function readInterpreterForm(form: FormData): InterpreterInput {
	return {
		name: field(form, 'name').slice(0, 300),
		kind: field(form, 'kind').slice(0, 20),
		languages: form
			.getAll('languages')
			.filter((l): l is string => typeof l === 'string')
			.slice(0, 40)
			.map((l) => l.slice(0, 10)),
		phone: field(form, 'phone').slice(0, 100),
		email: field(form, 'email').slice(0, 300),
		mailLanguage: field(form, 'mailLanguage').slice(0, 10),
		staffId: field(form, 'staffId').slice(0, 40),
		active: field(form, 'active') !== 'no'
	};
}
