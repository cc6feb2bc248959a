import { error, redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { now, schoolToday } from '$lib/server/clock';
import { failWith, field } from '$lib/server/forms';
import { currentRound } from '$lib/server/school/overview';
import { familyAnswers } from '$lib/server/families/overview';
import { listPlaces } from '$lib/server/places/manage';
import { bookVisit, cancelAnswer, declineRound } from '$lib/server/booking/answer';
import { readChoice, readDecline, type ChoiceValues } from '$lib/server/booking/form';
import {
	familyForStaff,
	interpreterLanguages,
	notHomeReasons,
	openSlots
} from '$lib/server/booking/choices';
import { toWallTime } from '$lib/server/time/zone';
import { formatWhen } from '$lib/format';
import { assignVisitor } from '$lib/server/families/assign';
import { activeStaff } from '$lib/server/staff/people';
import { requireAdmin } from '$lib/server/auth/guard';
import { runsSchool } from '$lib/server/auth/policy';
import { familyUrl, issueFamilyLink, revokeFamilyLinks } from '$lib/server/families/links';
import { recordAudit } from '$lib/server/audit/record';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The family and the running round, if this person may see the family; `act`: and change its answer. */
async function context(event: RequestEvent | Parameters<PageServerLoad>[0], act = false) {
	const me = requireStaff(event);
	const found = await familyForStaff(event.locals.db, me, event.params.family);
	const round = await currentRound(event.locals.db, me.schoolId, schoolToday(me.timeZone));
	if (!found || !round) error(404, { message: 'families.not_found' });
	if (act && !found.mayAct) error(403, { message: 'errors.forbidden' });
	return { me, found, round };
}

export const load: PageServerLoad = async (event) => {
	const { me, found, round } = await context(event);
	const db = event.locals.db;
	const timeZone = me.timeZone;
	const [answer] = await familyAnswers(db, me.schoolId, round.id, {
		staffId: null,
		familyId: found.id
	});
	const [slots, places, people] = await Promise.all([
		// The family's own time stays in the list, so the office can change the place and keep the time.
		openSlots(
			db,
			me.schoolId,
			round.id,
			found.visitingStaffId,
			now(),
			answer?.status === 'booked' ? answer.slotId : null
		),
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
		interpreter: own?.interpreterLanguage ? 'yes' : 'no',
		interpreterLanguage: own?.interpreterLanguage ?? '',
		questions: '',
		reason: own?.notHomeReason ?? '',
		reasonText: own?.notHomeReasonText ?? '',
		note: answer?.staffNote ?? ''
	};
	return {
		initial,
		reassigned: event.url.searchParams.get('done') === 'reassigned',
		family: {
			id: found.id,
			children: found.children,
			address: [found.street, found.postalCode, found.city].filter(Boolean).join(', ')
		},
		answer: answer
			? {
					...answer,
					startsAt: undefined,
					endsAt: undefined,
					when: answer.startsAt
						? formatWhen(answer.startsAt, answer.endsAt, event.locals.language.code, timeZone)
						: null
				}
			: null,
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
		languages: interpreterLanguages,
		visitor: found.visitingStaffId,
		canManageLinks: runsSchool(me),
		mayAct: found.mayAct,
		people: people.map((p) => ({ id: p.id, name: p.name }))
	};
};

// Several forms on one page: `values.action` says which one a refusal belongs to.
export const actions: Actions = {
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
		const { found } = await context(event);
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
