/**
 * What an outbox row carries: a snapshot of the facts at the moment of the change, so the
 * message tells what happened then even if it is sent hours later. Paths, not URLs: the worker
 * adds the portal's origin. A path with a personal token is removed once the mail is sent.
 */
export type Location = 'home' | 'school' | 'neutral';

export interface VisitFacts {
	bookingId: string;
	sequence: number;
	schoolName: string;
	schoolPhone: string;
	schoolAddress: string;
	timeZone: string;
	roundName: string;
	startsAt: string;
	endsAt: string;
	location: Location;
	placeName: string;
	placeAddress: string;
	staffNames: string[];
	interpreterLanguage: string | null;
	/** The last moment the family can change or cancel online. */
	deadline: string;
	/** Who made the change: the family (or the office for them), or the school moving its slot. */
	by: 'family' | 'school';
	/** For a change: when the visit was before. */
	previousStartsAt?: string;
}

export interface ParentVisitPayload extends VisitFacts {
	/** The family's own link, when the change came through it. */
	path?: string;
	/** A cancellation that is the family's "no visit, thank you". */
	declined?: boolean;
}

export interface StaffVisitPayload extends VisitFacts {
	/** The children's groups: who the visit is for, without names (see `details`). */
	familyLabel: string;
	familyPath: string;
	/** Children's full names and the home address, only when the school switched that on. */
	details: string | null;
}

export interface DeclinedPayload {
	schoolName: string;
	schoolPhone: string;
	roundName: string;
	path?: string;
}

export interface LinkPayload {
	schoolName: string;
	roundName: string;
	path?: string;
	/** Before paths existed the newsletter stored the whole URL. */
	url?: string;
	closesAt?: string;
	timeZone?: string;
}

export interface InterpreterPayload {
	schoolName: string;
	language: string;
	startsAt: string;
	timeZone: string;
	location: Location;
	familyPath: string;
}

export interface StaffLinkPayload {
	schoolName: string;
	name: string;
	path?: string;
	/** When the one-time link stops working, shown on the school's clock. */
	validUntil: string;
	timeZone: string;
}

/** A report asks the care coordinator or the director to follow up. No child is named: the link needs a sign-in. */
export interface FollowUpPayload {
	schoolName: string;
	writer: string;
	heldAt: string;
	timeZone: string;
	groups: string;
	reportPath: string;
}

export const parentKinds = ['family_link', 'invitation', 'nudge', 'visit_booked', 'visit_changed', 'visit_cancelled', 'visit_reminder', 'answer_declined'] as const;
export const staffKinds = ['staff_visit_booked', 'staff_visit_changed', 'staff_visit_cancelled', 'interpreter_request', 'staff_invite', 'password_reset', 'report_follow_up'] as const;
export type MessageKind = (typeof parentKinds)[number] | (typeof staffKinds)[number];

/** Kinds whose payload holds a personal token: it leaves the database once the mail is out. */
export const kindsWithSecret = new Set<string>(['family_link', 'invitation', 'nudge', 'visit_booked', 'visit_changed', 'visit_cancelled', 'answer_declined', 'staff_invite', 'password_reset']);
