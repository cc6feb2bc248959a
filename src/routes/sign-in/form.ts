import { EMAIL_MAX, field, isEmail, singleLine } from '$lib/server/forms';
import { PASSWORD_MAX_LENGTH } from '$lib/server/auth/password';

export type SignInErrors = Partial<Record<'email' | 'password' | 'form', string>>;

export function parseSignIn(form: FormData):
	| { ok: true; value: { email: string; password: string }; email: string }
	| { ok: false; errors: SignInErrors; email: string } {
	const email = singleLine(field(form, 'email')).slice(0, EMAIL_MAX + 1);
	const password = field(form, 'password');
	const errors: SignInErrors = {};
	if (!email) errors.email = 'sign_in.email_required';
	else if (!isEmail(email)) errors.email = 'sign_in.email_invalid';
	if (!password) errors.password = 'sign_in.password_required';
	// Longer than any password we accept: refuse before spending a hash on it.
	else if (password.length > PASSWORD_MAX_LENGTH) errors.form = 'sign_in.invalid';
	const shownEmail = email.slice(0, EMAIL_MAX);
	if (Object.keys(errors).length > 0) return { ok: false, errors, email: shownEmail };
	return { ok: true, value: { email, password }, email: shownEmail };
}
