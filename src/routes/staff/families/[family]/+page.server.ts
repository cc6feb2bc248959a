import { error, fail, redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { now, schoolToday } from '$lib/server/clock';
import { field, multiLine, singleLine } from '$lib/server/forms';
import { currentRound } from '$lib/server/school/overview';
import { familyAnswers } from '$lib/server/families/overview';
import { listPlaces } from '$lib/server/places/manage';
import { bookVisit, cancelAnswer, declineRound } from '$lib/server/booking/answer';
import { ADDRESS_MAX, isInterpreterLanguage, isLocation, isNotHomeReason, QUESTIONS_MAX, REASON_TEXT_MAX } from '$lib/server/booking/form';
import { familyForStaff, interpreterLanguages, notHomeReasons, openSlots } from '$lib/server/booking/choices';
import { toWallTime } from '$lib/server/time/zone';
import { formatWhen } from '$lib/format';
import { assignVisitor } from '$lib/server/families/assign';
import { activeStaff } from '$lib/server/staff/people';
import { requireAdmin } from '$lib/server/auth/guard';
import { familyUrl, issueFamilyLink, revokeFamilyLinks } from '$lib/server/families/links';
import { recordAudit } from '$lib/server/audit/record';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function context(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const me = requireStaff(event);
	const found = await familyForStaff(event.locals.db, me, event.params.family);
	const round = await currentRound(event.locals.db, me.schoolId, schoolToday());
	if (!found || !round) error(404, { message: 'families.not_found' });
	return { me, found, round };
}

export const load: PageServerLoad = async (event) => {
	const { me, found, round } = await context(event);
	const db = event.locals.db;
	const timeZone = config().schoolTimeZone;
	const [[answer], slots, places, people] = await Promise.all([
		familyAnswers(db, me.schoolId, round.id, { staffId: null, familyId: found.id }),
		openSlots(db, me.schoolId, round.id, found.visitingStaffId, now()),
		listPlaces(db, me.schoolId),
		me.role === 'admin' ? activeStaff(db, me.schoolId) : Promise.resolve([])
	]);
	return {
		reassigned: event.url.searchParams.get('done') === 'reassigned',
		family: { id: found.id, children: found.children, address: [found.street, found.postalCode, found.city].filter(Boolean).join(', ') },
		answer: answer ? { ...answer, startsAt: undefined, endsAt: undefined, when: answer.startsAt ? formatWhen(answer.startsAt, answer.endsAt, event.locals.language.code, timeZone) : null } : null,
		slots: slots.map((s) => ({ id: s.id, date: toWallTime(s.startsAt, timeZone).date, start: toWallTime(s.startsAt, timeZone).time, end: toWallTime(s.endsAt, timeZone).time, allowsHome: s.allowsHome, allowsSchool: s.allowsSchool, allowsNeutral: s.allowsNeutral })),
		places: places.filter((p) => p.active).map((p) => ({ id: p.id, name: p.name })),
		reasons: notHomeReasons,
		languages: interpreterLanguages,
		visitor: found.visitingStaffId,
		canManageLinks: me.role === 'admin',
		people: people.map((p) => ({ id: p.id, name: p.name }))
	};
};

export const actions: Actions = {
	book: async (event) => {
		const { me, found, round } = await context(event);
		const form = await event.request.formData();
		const location = field(form, 'location');
		const slotId = field(form, 'slotId');
		if (!isLocation(location) || !slotId) return fail(400, { error: 'families.errors.choose_slot_and_place' });
		const language = field(form, 'interpreter');
		const reason = field(form, 'reason');
		// Too long is refused, not cut: the fields carry maxlength, so only a tampered form gets here.
		const visitAddress = singleLine(field(form, 'visitAddress'));
		const questions = multiLine(field(form, 'questions'));
		const tooLong = visitAddress.length > ADDRESS_MAX ? 'address_too_long' : questions.length > QUESTIONS_MAX ? 'questions_too_long' : null;
		if (tooLong) return fail(400, { error: `families.errors.${tooLong}`, values: { visitAddress: visitAddress.slice(0, ADDRESS_MAX * 2), questions: questions.slice(0, QUESTIONS_MAX * 2) } });
		const result = await bookVisit(
			event.locals.db,
			me.schoolId,
			round.id,
			found.id,
			{
				slotId: slotId.slice(0, 40),
				location,
				neutralPlaceId: field(form, 'placeId').slice(0, 40) || null,
				visitAddress: visitAddress || null,
				interpreterLanguage: isInterpreterLanguage(language) ? language : null,
				parentQuestions: questions || null,
				notHomeReason: isNotHomeReason(reason) ? reason : null,
				notHomeReasonText: null
			},
			{ kind: 'staff', staffId: me.id },
			now()
		);
		if (!result.ok) return fail(409, { error: `families.errors.${result.problem}` });
		redirect(303, '/staff/families?done=booked');
	},
	decline: async (event) => {
		const { me, found, round } = await context(event);
		const form = await event.request.formData();
		const reason = field(form, 'reason');
		const reasonText = multiLine(field(form, 'reasonText'));
		if (reasonText.length > REASON_TEXT_MAX) return fail(400, { error: 'families.errors.reason_too_long', values: { reasonText: reasonText.slice(0, REASON_TEXT_MAX * 2) } });
		const result = await declineRound(event.locals.db, me.schoolId, round.id, found.id, { code: isNotHomeReason(reason) ? reason : null, text: reasonText || null }, { kind: 'staff', staffId: me.id }, now());
		if (!result.ok) return fail(409, { error: `families.errors.${result.problem}` });
		redirect(303, '/staff/families?done=declined');
	},
	reassign: async (event) => {
		const me = requireAdmin(event);
		const { found } = await context(event);
		const staffId = field(await event.request.formData(), 'staffId');
		if (!(await assignVisitor(event.locals.db, me.schoolId, me.id, found.id, staffId))) return fail(400, { error: 'families.errors.unknown_teacher' });
		redirect(303, `/staff/families/${found.id}?done=reassigned`);
	},
	link: async (event) => {
		const me = requireAdmin(event);
		const { found, round } = await context(event);
		const token = await issueFamilyLink(event.locals.db, found.id, round.id, now(), 'office');
		await recordAudit(event.locals.db, { schoolId: me.schoolId, actorKind: 'staff', actorId: me.id, action: 'family_link.issued', subjectType: 'family', subjectId: found.id });
		// Shown once: only its hash is kept.
		return { link: familyUrl(config().origin, token) };
	},
	revokeLinks: async (event) => {
		const me = requireAdmin(event);
		const { found, round } = await context(event);
		const revoked = await revokeFamilyLinks(event.locals.db, found.id, round.id, now());
		await recordAudit(event.locals.db, { schoolId: me.schoolId, actorKind: 'staff', actorId: me.id, action: 'family_link.revoked', subjectType: 'family', subjectId: found.id, detail: { revoked } });
		return { revoked };
	},
	cancel: async (event) => {
		const { me, found, round } = await context(event);
		const result = await cancelAnswer(event.locals.db, me.schoolId, round.id, found.id, { kind: 'staff', staffId: me.id }, now());
		if (!result.ok) return fail(409, { error: `families.errors.${result.problem}` });
		redirect(303, '/staff/families?done=cancelled');
	}
};
