/** The composers of text messages' mail side: a fresh link by SMS, a time made for one family. */
import type { TextLinkPayload, TimeOfferedPayload } from '../payloads';
import type { Composed, Kit } from './shared';

export function textLink(kit: Kit, p: TextLinkPayload): Composed {
	void kit;
	void p;
	throw new Error('FOUNDATION: helper B writes this');
}

export function timeOffered(kit: Kit, p: TimeOfferedPayload): Composed {
	void kit;
	void p;
	throw new Error('FOUNDATION: helper C writes this');
}
