import type { FormErrors, FormRead } from '$lib/forms';
import { EMAIL_MAX, field, isEmail, singleLine } from '$lib/server/forms';
import { PASSWORD_MAX_LENGTH } from '$lib/server/auth/password';

/** The address comes back to the form; after too many attempts, the minutes to wait as well. */
export interface SignInValues {
	email: string;
	minutes?: number;
}

export function readSignIn(
	form: FormData
): FormRead<{ email: string; password: string }, SignInValues, 'email' | 'password'> {
	const email = singleLine(field(form, 'email')).slice(0, EMAIL_MAX + 1);
	const password = field(form, 'password');
	const errors: FormErrors<'email' | 'password'> = {};
	if (!email) errors.email = 'sign_in.email_required';
	else if (!isEmail(email)) errors.email = 'sign_in.email_invalid';
	if (!password) errors.password = 'sign_in.password_required';
	// Longer than any password we accept: refuse before spending a hash on it.
	else if (password.length > PASSWORD_MAX_LENGTH) errors.form = 'sign_in.invalid';
	const values = { email: email.slice(0, EMAIL_MAX) };
	if (Object.keys(errors).length > 0) return { ok: false, errors, values };
	return { ok: true, value: { email, password }, values };
}
