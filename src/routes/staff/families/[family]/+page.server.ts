import { error, redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { now, schoolToday } from '$lib/server/clock';
import { failWith, field, isUuid } from '$lib/server/forms';
import { currentRound } from '$lib/server/school/overview';
import { familyAnswers } from '$lib/server/families/overview';
import { listPlaces } from '$lib/server/places/manage';
import { bookVisit, cancelAnswer, declineRound } from '$lib/server/booking/answer';
import {
	interpreterChoiceOf,
	isInterpreterLanguage,
	readChoice,
	readDecline,
	type ChoiceValues
} from '$lib/server/booking/form';
import {
	familyForStaff,
	interpreterLanguages,
	notHomeReasons,
	openSlots
} from '$lib/server/booking/choices';
import { toWallTime } from '$lib/server/time/zone';
import { formatDateTime, formatWhen, languageName } from '$lib/format';
import { homeLanguageFirst } from '$lib/i18n/languages';
import { assignVisitor } from '$lib/server/families/assign';
import { activeStaff } from '$lib/server/staff/people';
import { requireAdmin } from '$lib/server/auth/guard';
import { runsSchool } from '$lib/server/auth/policy';
import { familyUrl, issueFamilyLink, revokeFamilyLinks } from '$lib/server/families/links';
import { recordAudit, recordContactViews } from '$lib/server/audit/record';
import { familyContact } from '$lib/server/families/contact';
import { answerHistory } from '$lib/server/families/history';
import { familyMails } from '$lib/server/families/mail';
import { textFamilyLink, type TextChannel } from '$lib/server/sms/family-text';
import { familyOutreach, readAttempt, recordAttempt } from '$lib/server/outreach/attempts';
import { openRequestsOf } from '$lib/server/requests/ask';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The family, if this person may see it (policy.mayViewFamily); else 404, as for an unknown id. */
async function visible(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const me = requireStaff(event);
	const found = await familyForStaff(event.locals.db, me, event.params.family);
	if (!found) error(404, { message: 'families.not_found' });
	return { me, found };
}

/** The family and the running round, if this person may see the family; `act`: and change its answer. */
async function context(event: RequestEvent | Parameters<PageServerLoad>[0], act = false) {
	const { me, found } = await visible(event);
	const round = await currentRound(event.locals.db, me.schoolId, schoolToday(me.timeZone));
	if (!round) error(404, { message: 'families.not_found' });
	if (act && !found.mayAct) error(403, { message: 'errors.forbidden' });
	return { me, found, round };
}

/**
 * "Arabisch (العربية)": the reader's word for the language, and its own name for the parent's
 * sake. Made on the server, whose ICU has every language; the browser's may not.
 */
function languageLabel(code: string, lang: string): string {
	const reader = languageName(code, lang);
	// Without the platform's data for that language its "own" name would be in some other language.
	if (Intl.DisplayNames.supportedLocalesOf([code]).length === 0) return reader;
	const own = languageName(code, code);
	return own === reader ? reader : `${reader} (${own})`;
}

export const load: PageServerLoad = async (event) => {
	// Without a running round the page still says how to reach the family; the answer needs a round.
	const { me, found } = await visible(event);
	const db = event.locals.db;
	const timeZone = me.timeZone;
	const lang = event.locals.language.code;
	const round = await currentRound(db, me.schoolId, schoolToday(timeZone));
	const [contact, mail, answers, history, outreach, requests] = await Promise.all([
		familyContact(db, me.schoolId, found.id),
		familyMails(db, me.schoolId, found.id),
		round
			? familyAnswers(db, me.schoolId, round.id, { staffId: null, familyId: found.id })
			: Promise.resolve([]),
		round ? answerHistory(db, me.schoolId, found.id, round.id) : Promise.resolve([]),
		round ? familyOutreach(db, me.schoolId, found.id, round.id) : Promise.resolve(null),
		round
			? openRequestsOf(db, { schoolId: me.schoolId, roundId: round.id, familyId: found.id })
			: Promise.resolve([])
	]);
	if (!contact) error(404, { message: 'families.not_found' });
	// Everyone who may open this page sees the phone numbers and addresses on it: each view is logged.
	await recordContactViews(db, {
		schoolId: me.schoolId,
		staffId: me.id,
		familyIds: [found.id],
		page: 'family'
	});
	const answer = answers[0];
	const [slots, places, people] = await Promise.all([
		// The family's own time stays in the list, so the office can change the place and keep the time.
		round && found.mayAct
			? openSlots(
					db,
					me.schoolId,
					round.id,
					found.visitingStaffId,
					found.id,
					now(),
					answer?.status === 'booked' ? answer.slotId : null
				)
			: Promise.resolve([]),
		listPlaces(db, me.schoolId),
		runsSchool(me) ? activeStaff(db, me.schoolId) : Promise.resolve([])
	]);
	const own = answer?.status === 'booked' ? answer : null;
	// The office's form starts from the family's answer: rebooking keeps what the family chose and wrote.
	const initial: ChoiceValues = {
		location: own?.location ?? '',
		slotId: own?.slotId ?? '',
		placeId: own?.placeId ?? '',
		visitAddress: own?.visitAddress ?? '',
		interpreter: own ? interpreterChoiceOf(own) : 'none',
		// The language the family named, else its own language when an interpreter speaks it.
		interpreterLanguage:
			own?.interpreterLanguage ??
			own?.ownInterpreterLanguage ??
			(isInterpreterLanguage(contact.language) ? contact.language : ''),
		questions: '',
		reason: own?.notHomeReason ?? '',
		reasonText: own?.notHomeReasonText ?? '',
		note: answer?.staffNote ?? ''
	};
	return {
		initial,
		requests: requests.map((r) => ({ ...r, askedAt: formatDateTime(r.askedAt, lang, timeZone) })),
		reassigned: event.url.searchParams.get('done') === 'reassigned',
		round: round ? { name: round.name } : null,
		family: {
			id: found.id,
			children: contact.children,
			address: contact.address,
			languageLabel: languageLabel(contact.language, lang),
			guardians: contact.guardians.map((g) => ({
				...g,
				languageLabel: languageLabel(g.language, lang)
			}))
		},
		answer: answer
			? {
					...answer,
					// Shown in a section of its own, not inside the visit's card.
					staffNote: null,
					startsAt: undefined,
					endsAt: undefined,
					when: answer.startsAt ? formatWhen(answer.startsAt, answer.endsAt, lang, timeZone) : null
				}
			: null,
		staffNote: answer?.staffNote ?? null,
		// The tries to reach the family, while it has not answered or once it has (contact-attempts.svelte).
		outreach: outreach && {
			...outreach,
			attempts: outreach.attempts.map((a) => ({
				...a,
				at: formatDateTime(a.at, lang, timeZone),
				iso: a.at.toISOString()
			})),
			callMe: outreach.callMe && {
				...outreach.callMe,
				at: formatDateTime(outreach.callMe.at, lang, timeZone),
				languageName: languageLabel(outreach.callMe.language, lang)
			}
		},
		recorded: event.url.searchParams.get('done') === 'recorded',
		history: history.map((h) => ({
			...h,
			at: formatDateTime(h.at, lang, timeZone),
			iso: h.at.toISOString()
		})),
		mail: {
			total: mail.total,
			items: mail.mails.map((m) => ({
				...m,
				at: formatDateTime(m.at, lang, timeZone),
				iso: m.at.toISOString()
			})),
			// The Mailbox is the office's (policy.runsSchool): a teacher gets no link to a page they cannot open.
			href: runsSchool(me) ? `/staff/mailbox?family=${found.id}` : null
		},
		slots: slots.map((s) => ({
			id: s.id,
			date: toWallTime(s.startsAt, timeZone).date,
			start: toWallTime(s.startsAt, timeZone).time,
			end: toWallTime(s.endsAt, timeZone).time,
			allowsHome: s.allowsHome,
			allowsSchool: s.allowsSchool,
			allowsNeutral: s.allowsNeutral
		})),
		places: places.filter((p) => p.active).map((p) => ({ id: p.id, name: p.name })),
		reasons: notHomeReasons,
		languages: homeLanguageFirst(interpreterLanguages, contact.language, (code) => code),
		visitor: found.visitingStaffId,
		canManageLinks: runsSchool(me) && round !== null,
		mayAct: found.mayAct && round !== null,
		people: people.map((p) => ({ id: p.id, name: p.name }))
	};
};

/** A fresh link by text (text-message.svelte): queued as an SMS, or a wa.me link for the staff member's phone. */
const sendText = (channel: TextChannel) => async (event: RequestEvent) => {
	const { me, found, round } = await context(event, true);
	const guardianId = field(await event.request.formData(), 'guardianId');
	const result = isUuid(guardianId)
		? await textFamilyLink(event.locals.db, {
				schoolId: me.schoolId,
				roundId: round.id,
				familyId: found.id,
				guardianId,
				staffId: me.id,
				channel,
				origin: config().origin,
				now: now()
			})
		: ({ ok: false, problem: 'no_phone' } as const);
	if (!result.ok)
		return failWith(
			result.problem === 'too_many' ? 429 : 400,
			{ guardianId: `texts.errors.${result.problem}` },
			{ action: channel, guardianId }
		);
	return { text: result };
};

// Several forms on one page: `values.action` says which one a refusal belongs to.
export const actions: Actions = {
	sms: sendText('sms'),
	whatsapp: sendText('whatsapp'),
	book: async (event) => {
		const { me, found, round } = await context(event, true);
		// The parents' form's reader: the same checks and limits, too long refused and not cut. Staff
		// write a note of their own; the parents' questions stay as the family wrote them.
		const read = readChoice(await event.request.formData(), 'staff');
		if (!read.ok) return failWith(400, read.errors, { action: 'book', ...read.values });
		const result = await bookVisit(
			event.locals.db,
			me.schoolId,
			round.id,
			found.id,
			read.value,
			{ kind: 'staff', staffId: me.id },
			now()
		);
		if (!result.ok)
			return failWith(
				409,
				{ form: `families.errors.${result.problem}` },
				{ action: 'book', ...read.values }
			);
		redirect(303, `/staff/families?done=${result.changed ? 'booked' : 'unchanged'}`);
	},
	decline: async (event) => {
		const { me, found, round } = await context(event, true);
		const read = readDecline(await event.request.formData(), 'staff');
		if (!read.ok) return failWith(400, read.errors, { action: 'decline', ...read.values });
		const result = await declineRound(
			event.locals.db,
			me.schoolId,
			round.id,
			found.id,
			read.value,
			{ kind: 'staff', staffId: me.id },
			now()
		);
		if (!result.ok)
			return failWith(
				409,
				{ form: `families.errors.${result.problem}` },
				{ action: 'decline', ...read.values }
			);
		redirect(303, '/staff/families?done=declined');
	},
	reassign: async (event) => {
		const me = requireAdmin(event);
		const { found } = await visible(event);
		// One field, checked by assignVisitor: a colleague of this school, still active.
		const staffId = field(await event.request.formData(), 'staffId');
		if (!(await assignVisitor(event.locals.db, me.schoolId, me.id, found.id, staffId)))
			return failWith(400, { form: 'families.errors.unknown_teacher' }, { action: 'reassign' });
		redirect(303, `/staff/families/${found.id}?done=reassigned`);
	},
	link: async (event) => {
		const me = requireAdmin(event);
		const { found, round } = await context(event);
		const token = await issueFamilyLink(event.locals.db, found.id, round.id, now(), 'office');
		await recordAudit(event.locals.db, {
			schoolId: me.schoolId,
			actorKind: 'staff',
			actorId: me.id,
			action: 'family_link.issued',
			subjectType: 'family',
			subjectId: found.id
		});
		// Shown once: only its hash is kept.
		return { link: familyUrl(config().origin, token) };
	},
	revokeLinks: async (event) => {
		const me = requireAdmin(event);
		const { found, round } = await context(event);
		const revoked = await revokeFamilyLinks(event.locals.db, found.id, round.id, now());
		await recordAudit(event.locals.db, {
			schoolId: me.schoolId,
			actorKind: 'staff',
			actorId: me.id,
			action: 'family_link.revoked',
			subjectType: 'family',
			subjectId: found.id,
			detail: { revoked }
		});
		return { revoked };
	},
	attempt: async (event) => {
		const { me, found, round } = await context(event);
		const read = readAttempt(await event.request.formData());
		if (!read.ok) return failWith(400, read.errors, { action: 'attempt', ...read.values });
		const result = await recordAttempt(event.locals.db, me, found.id, round.id, read.value, now());
		if (!result.ok)
			return failWith(
				result.problem === 'not_found' ? 404 : 409,
				{ form: `outreach.errors.${result.problem}` },
				{ action: 'attempt', ...read.values }
			);
		redirect(303, `/staff/families/${found.id}?done=recorded`);
	},
	cancel: async (event) => {
		const { me, found, round } = await context(event, true);
		const result = await cancelAnswer(
			event.locals.db,
			me.schoolId,
			round.id,
			found.id,
			{ kind: 'staff', staffId: me.id },
			now()
		);
		if (!result.ok)
			return failWith(409, { form: `families.errors.${result.problem}` }, { action: 'cancel' });
		redirect(303, '/staff/families?done=cancelled');
	}
};
