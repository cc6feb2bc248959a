import { field, singleLine } from '$lib/server/forms';
import { interpreterModes, type InterpreterMode } from '$lib/server/interpreters/arrange';

/** The arrange form of one request, as typed (bounded); `arrangeInterpreter` checks the rest. */
export function readArrangement(form: FormData) {
	const mode = field(form, 'mode');
	return {
		request: field(form, 'request').slice(0, 40),
		interpreterId: field(form, 'interpreter').slice(0, 40),
		mode: (interpreterModes as readonly string[]).includes(mode) ? (mode as InterpreterMode) : null,
		contactName: singleLine(field(form, 'contactName').slice(0, 300)),
		contactPhone: singleLine(field(form, 'contactPhone').slice(0, 300))
	};
}
