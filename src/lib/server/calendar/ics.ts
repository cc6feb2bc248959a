/**
 * Calendar files for visits. `ics` builds the event; two things it gets wrong are fixed here
 * (ics 3.12, checked against a strict parser, ical.js): it folds lines by characters where RFC 5545 counts octets, so Arabic
 * or Ukrainian text would give overlong lines, and it passes control characters through.
 * Times go in as UTC instants, so the clock change needs no time-zone rules in the file.
 */
import { createEvents, type EventAttributes } from 'ics';
import { singleLine, multiLine } from '../forms';

export interface CalendarVisit {
	/** Stable per booking: a changed visit replaces the old entry instead of adding one. */
	uid: string;
	sequence: number;
	startsAt: Date;
	endsAt: Date;
	title: string;
	location: string;
	description: string;
}

const encoder = new TextEncoder();

/** Folds one content line at 75 octets, never inside a UTF-8 character (RFC 5545, 3.1). */
export function foldLine(line: string): string {
	if (encoder.encode(line).length <= 75) return line;
	const parts: string[] = [];
	let current = '';
	let size = 0;
	for (const char of line) {
		const octets = encoder.encode(char).length;
		// The first line holds 75 octets; continuation lines 74 after their leading space.
		if (size + octets > (parts.length === 0 ? 75 : 74)) {
			parts.push(current);
			current = '';
			size = 0;
		}
		current += char;
		size += octets;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

/** Unfolds whatever `ics` folded and folds again by octets. */
export function refold(calendar: string): string {
	return calendar
		.replace(/\r\n[ \t]/g, '')
		.split('\r\n')
		.map(foldLine)
		.join('\r\n');
}

export type CalendarMethod = 'PUBLISH' | 'REQUEST' | 'CANCEL';

export interface InviteParties {
	/** The school as organiser: required by RFC 5546 for REQUEST and CANCEL. */
	organizer: { name: string; email: string };
	attendee: { name: string; email: string };
}

function eventOf(
	visit: CalendarVisit,
	method: CalendarMethod,
	parties?: InviteParties
): EventAttributes {
	return {
		uid: visit.uid,
		sequence: visit.sequence,
		start: visit.startsAt.getTime(),
		startInputType: 'utc',
		startOutputType: 'utc',
		end: visit.endsAt.getTime(),
		endInputType: 'utc',
		endOutputType: 'utc',
		title: singleLine(visit.title).slice(0, 200),
		location: singleLine(visit.location).slice(0, 300),
		description: multiLine(visit.description).slice(0, 2000),
		status: method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
		busyStatus: 'BUSY',
		...(parties && {
			organizer: { name: partyName(parties.organizer.name), email: parties.organizer.email },
			attendees: [
				{
					name: partyName(parties.attendee.name),
					email: parties.attendee.email,
					rsvp: false,
					partstat: 'ACCEPTED',
					role: 'REQ-PARTICIPANT'
				}
			]
		})
	};
}

// A CN parameter cannot hold quotes, and `ics` does not escape them.
const partyName = (name: string) =>
	singleLine(name)
		.replace(/[";:,\\]/g, ' ')
		.slice(0, 100);

/** One visit: PUBLISH for a download, REQUEST or CANCEL (with organiser and attendee) for a mailed invite. */
export function visitCalendar(
	visit: CalendarVisit,
	method: CalendarMethod = 'PUBLISH',
	parties?: InviteParties
): string {
	const { error, value } = createEvents([eventOf(visit, method, parties)], {
		productId: '-//Huisbezoek//NL',
		method
	});
	if (error || !value) throw error ?? new Error('ics produced no calendar');
	return refold(value);
}

/** A subscription feed: all of one person's visits in one calendar. */
export function feedCalendar(visits: CalendarVisit[], name: string): string {
	if (visits.length === 0) {
		// `ics` refuses an empty list; an empty calendar is still a valid feed.
		return refold(
			[
				'BEGIN:VCALENDAR',
				'VERSION:2.0',
				'PRODID:-//Huisbezoek//NL',
				'METHOD:PUBLISH',
				`X-WR-CALNAME:${escapeText(singleLine(name))}`,
				'END:VCALENDAR',
				''
			].join('\r\n')
		);
	}
	const { error, value } = createEvents(
		visits.map((v) => eventOf(v, 'PUBLISH')),
		{ productId: '-//Huisbezoek//NL', method: 'PUBLISH', calName: singleLine(name).slice(0, 100) }
	);
	if (error || !value) throw error ?? new Error('ics produced no calendar');
	return refold(value);
}

const escapeText = (text: string) => text.replace(/[\\;,]/g, (c) => `\\${c}`);
