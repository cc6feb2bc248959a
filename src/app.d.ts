import type { Database } from '$lib/server/db';
import type { ValidSession } from '$lib/server/auth/session';
import type { Language } from '$lib/i18n/languages';
import type { OpenedFamilyLink } from '$lib/server/families/page';
import type { Fault } from '$lib/server/faults/page';

declare global {
	namespace App {
		interface Locals {
			db: Database;
			language: Language;
			session: ValidSession | null;
			/**
			 * On a family's pages (`/f/[token]`): the family and round its token opens, with the
			 * head of its page (one query for both), or null.
			 */
			familyLink: OpenedFamilyLink | null;
			/** Set when handling failed unexpectedly: handleFaults answers with its own page. */
			fault?: Fault;
		}
		interface Error {
			message: string;
			/** Quoted by the person who reports the problem; finds the log line without personal data. */
			reference?: string;
		}
	}
}

export {};
