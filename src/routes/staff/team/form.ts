import { field } from '$lib/server/forms';

/** An invitation as typed; `inviteStaff` cleans and checks it, and says what is wrong. */
export function readInvite(form: FormData): { name: string; email: string; title: string } {
	return {
		name: field(form, 'name').slice(0, 200),
		email: field(form, 'email').slice(0, 300),
		title: field(form, 'title').slice(0, 40)
	};
}
