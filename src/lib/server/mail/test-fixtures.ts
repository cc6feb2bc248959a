/** What the mail tests compose from: the portal's context and one visit at school. */
import type { VisitFacts } from './payloads';

export const composeContext = {
	origin: new URL('https://huisbezoek.spitsbergen.example'),
	organizer: { name: 'obs De Spitsbergen', email: 'huisbezoek@spitsbergen.example' }
};

/** Monday 7 December 2026, 16:30–17:15 on the school's clock, at school, with Jeroen Bos. */
export const visitAtSchool: VisitFacts = {
	bookingId: '00000000-0000-4000-8000-000000000001',
	sequence: 0,
	schoolName: 'obs De Spitsbergen',
	schoolPhone: '020 123 4567',
	schoolAddress: 'Spitsbergenstraat 1',
	timeZone: 'Europe/Amsterdam',
	roundName: 'Huisbezoeken',
	startsAt: '2026-12-07T15:30:00.000Z',
	endsAt: '2026-12-07T16:15:00.000Z',
	location: 'school',
	placeName: '',
	placeAddress: '',
	staffNames: ['Jeroen Bos'],
	interpreterLanguage: null,
	deadline: '2026-12-06T15:30:00.000Z',
	by: 'family'
};
