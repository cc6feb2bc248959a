import type { Database } from '$lib/server/db';
import type { ValidSession } from '$lib/server/auth/session';
import type { Language } from '$lib/i18n/languages';
import type { OpenedLink } from '$lib/server/families/links';

declare global {
	namespace App {
		interface Locals {
			db: Database;
			language: Language;
			session: ValidSession | null;
			/** On a family's pages (`/f/[token]`): the family and round its token opens, or null. */
			familyLink: OpenedLink | null;
		}
		interface Error {
			message: string;
			/** Quoted by the person who reports the problem; finds the log line without personal data. */
			reference?: string;
		}
	}
}

export {};
