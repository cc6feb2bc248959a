/**
 * What an outbox row carries: a snapshot of the facts at the moment of the change, so the
 * message tells what happened then even if it is sent hours later. Paths, not URLs: the worker
 * adds the portal's origin. A path with a personal token is removed once the message is out,
 * also when it is only kept in the Mailbox.
 */
import type { MessageKind } from '../db/schema';

export type { MessageKind };
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
	/** The school arranges an interpreter for this language. */
	interpreterLanguage: string | null;
	/** The family brings someone to interpret (never the child); absent in mails queued before. */
	ownInterpreterLanguage?: string | null;
	/** The last moment the family can change or cancel online. */
	deadline: string;
	/** Who made the change: the family (or the office for them), or the school moving its slot. */
	by: 'family' | 'school';
	/** For a change: when the visit was before. */
	previousStartsAt?: string;
}

export interface ParentVisitPayload extends VisitFacts {
	/** The interpreter the school arranged, as the family may know it (name only if the school allows). */
	interpreterArranged?: { mode: 'in_person' | 'phone'; name: string | null } | null;
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

/** The office's mail about one change to an interpreter request (interpreters/requests.ts). */
export interface InterpreterPayload {
	schoolName: string;
	language: string;
	startsAt: string;
	timeZone: string;
	location: Location;
	familyPath: string;
	/** What changed. Mails queued before requests had states lack it: they were new requests. */
	change?: 'new' | 'moved' | 'withdrawn' | 'language';
	previousStartsAt?: string;
	previousLocation?: Location;
	previousLanguage?: string;
	/** The interpreter the office had arranged, when the change concerns them. */
	arranged?: { name: string; keeps: boolean };
	requestsPath?: string;
}

/** The arranged interpreter's invite: the visit's place and time, never the child unless the school allows it. */
export interface InterpreterVisitPayload {
	requestId: string;
	sequence: number;
	method: 'REQUEST' | 'CANCEL';
	schoolName: string;
	schoolPhone: string;
	timeZone: string;
	startsAt: string;
	endsAt: string;
	previousStartsAt?: string;
	language: string;
	mode: 'in_person' | 'phone';
	location: Location;
	/** The place's name (a neutral place) and its address: home, school or the place. */
	placeName: string;
	address: string;
	staffNames: string[];
	/** The children's names, only when the school switched that on for invites. */
	details: string | null;
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

/** The family hears that an interpreter will be there; the name only where the school allows it. */
export interface InterpreterArrangedPayload {
	schoolName: string;
	schoolPhone: string;
	timeZone: string;
	startsAt: string;
	endsAt: string;
	language: string;
	mode: 'in_person' | 'phone';
	interpreterName: string | null;
}

/**
 * A fresh personal link sent by text message (SMS) to a family without e-mail. Short: a text
 * message is read on a small screen, and long ones are split and cost more.
 */
export interface TextLinkPayload {
	schoolName: string;
	schoolPhone: string;
	roundName: string;
	path?: string;
}

/**
 * A time the teacher made for this family only, after "none of these times fit": the family
 * confirms it through its link. By e-mail, or by SMS for a family without e-mail.
 */
export interface TimeOfferedPayload {
	schoolName: string;
	schoolPhone: string;
	timeZone: string;
	startsAt: string;
	endsAt: string;
	staffNames: string[];
	path?: string;
}

/** What each kind of message carries. A kind in `messageKinds` without a payload here, or the other way round, does not compile. */
export interface MessagePayloads {
	family_link: LinkPayload;
	invitation: LinkPayload;
	nudge: LinkPayload;
	visit_booked: ParentVisitPayload;
	visit_changed: ParentVisitPayload;
	visit_cancelled: ParentVisitPayload;
	visit_reminder: ParentVisitPayload;
	answer_declined: DeclinedPayload;
	staff_visit_booked: StaffVisitPayload;
	staff_visit_changed: StaffVisitPayload;
	staff_visit_cancelled: StaffVisitPayload;
	interpreter_request: InterpreterPayload;
	interpreter_visit: InterpreterVisitPayload;
	interpreter_arranged: InterpreterArrangedPayload;
	staff_invite: StaffLinkPayload;
	password_reset: StaffLinkPayload;
	report_follow_up: FollowUpPayload;
	text_link: TextLinkPayload;
	time_offered: TimeOfferedPayload;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const everyKindHasAPayload: Same<keyof MessagePayloads, MessageKind> = true;
void everyKindHasAPayload;

/** One message: its kind and the payload of that kind, so a `switch` on `kind` knows the payload. */
export type Message = { [K in MessageKind]: { kind: K; payload: MessagePayloads[K] } }[MessageKind];
export type MessageOf<K extends MessageKind> = Extract<Message, { kind: K }>;

/** Kinds a family reads; staff read the others. */
export const familyKinds: ReadonlySet<MessageKind> = new Set<MessageKind>([
	'family_link',
	'invitation',
	'nudge',
	'visit_booked',
	'visit_changed',
	'visit_cancelled',
	'visit_reminder',
	'answer_declined',
	'interpreter_arranged',
	'text_link',
	'time_offered'
]);

/**
 * Kinds whose payload holds a personal token (`path`, or `url` in old newsletter mail): it
 * leaves the database once the message is out, sent or kept in the Mailbox alike, and
 * `linkErased: true` takes its place (worker.ts).
 */
export const kindsWithSecret: ReadonlySet<MessageKind> = new Set<MessageKind>([
	'family_link',
	'invitation',
	'nudge',
	'visit_booked',
	'visit_changed',
	'visit_cancelled',
	'answer_declined',
	'staff_invite',
	'password_reset',
	'text_link',
	'time_offered'
]);
