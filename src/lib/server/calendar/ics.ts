/**
 * Calendar files for visits. `ics` builds the event; two things it gets wrong are fixed here
 * (see shared/STACK.md): it folds lines by characters where RFC 5545 counts octets, so Arabic
 * or Ukrainian text would give overlong lines, and it passes control characters through.
 * Times go in as UTC instants, so the clock change needs no time-zone rules in the file.
 */
import { createEvent } from 'ics';
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

export function visitCalendar(visit: CalendarVisit): string {
	const { error, value } = createEvent({
		productId: '-//Huisbezoek//NL',
		method: 'PUBLISH',
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
		status: 'CONFIRMED',
		busyStatus: 'BUSY'
	});
	if (error || !value) throw error ?? new Error('ics produced no calendar');
	return refold(value);
}
