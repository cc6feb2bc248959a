/**
 * The arranged interpreter's calendar invite: REQUEST when arranged or moved (SEQUENCE raised
 * each time), CANCEL when released, withdrawn or no longer free. It gives the time, the place and
 * the school's phone; the children are named only when the school switched that on for invites,
 * as for staff (`school.staff_invite_details`): invites sync to calendars the school does not run.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../db';
import { booking, family, interpreter, neutralPlace, school, slot, staff } from '../db/schema';
import { enqueue } from '../mail/outbox';
import type { InterpreterVisitPayload, Location } from '../mail/payloads';
import { familyChildren } from '../roster/family-children';
import { formatAddress } from '../../format';

export interface ArrangedRequest {
	id: string;
	schoolId: string;
	bookingId: string;
	language: string;
	startsAt: Date;
	endsAt: Date;
	location: Location;
	interpreterId: string | null;
	mode: 'in_person' | 'phone' | null;
	sequence: number;
}

/** Where a home visit takes place, for the interpreter: the corrected address, else the family's. */
async function placeOf(tx: Database, bookingId: string) {
	const [row] = await tx
		.select({
			location: booking.location,
			visitAddress: booking.visitAddress,
			family: { street: family.street, postalCode: family.postalCode, city: family.city },
			school: { street: school.street, postalCode: school.postalCode, city: school.city },
			place: { name: neutralPlace.name, address: neutralPlace.address }
		})
		.from(booking)
		.innerJoin(family, eq(family.id, booking.familyId))
		.innerJoin(school, eq(school.id, booking.schoolId))
		.leftJoin(neutralPlace, eq(neutralPlace.id, booking.neutralPlaceId))
		.where(eq(booking.id, bookingId));
	return row ?? null;
}

/** Where the visit is, in words the interpreter can travel to. */
async function whereAbouts(tx: Database, bookingId: string, location: Location) {
	const p = await placeOf(tx, bookingId);
	if (!p) return { placeName: '', address: '' };
	if (location === 'home')
		return {
			placeName: '',
			address: p.visitAddress ?? formatAddress(p.family.street, p.family.postalCode, p.family.city)
		};
	if (location === 'school')
		return {
			placeName: '',
			address: formatAddress(p.school.street, p.school.postalCode, p.school.city)
		};
	return { placeName: p.place?.name ?? '', address: p.place?.address ?? '' };
}

/** Queues the invite for the request's interpreter; nothing when they have no address to mail. */
export async function interpreterInvite(
	tx: Database,
	request: ArrangedRequest,
	method: 'REQUEST' | 'CANCEL',
	now: Date,
	extra: {
		previousStartsAt?: string;
		/** The family is being erased: the CANCEL names no address and no child, only the time. */
		withoutFamily?: boolean;
	} = {}
): Promise<void> {
	if (!request.interpreterId || !request.mode) return;
	const [who] = await tx
		.select({
			name: interpreter.name,
			email: interpreter.email,
			mailLanguage: interpreter.mailLanguage,
			staffEmail: staff.email,
			staffLanguage: staff.language
		})
		.from(interpreter)
		.leftJoin(staff, eq(staff.id, interpreter.staffId))
		.where(eq(interpreter.id, request.interpreterId));
	const address = who?.email || who?.staffEmail;
	if (!who || !address) return;
	const [facts] = await tx
		.select({
			schoolName: school.name,
			schoolPhone: school.phone,
			timeZone: school.timeZone,
			details: school.staffInviteDetails,
			familyId: booking.familyId,
			staffId: slot.staffId,
			secondStaffId: slot.secondStaffId
		})
		.from(booking)
		.innerJoin(school, eq(school.id, booking.schoolId))
		.leftJoin(slot, eq(slot.id, booking.slotId))
		.where(eq(booking.id, request.bookingId));
	if (!facts) return;
	const staffIds = [facts.staffId, facts.secondStaffId].filter((id): id is string => Boolean(id));
	const names =
		staffIds.length > 0
			? await tx
					.select({ id: staff.id, name: staff.name })
					.from(staff)
					.where(inArray(staff.id, staffIds))
			: [];
	const children =
		facts.details && !extra.withoutFamily ? (await familyChildren(tx, facts.familyId)).names : null;
	const payload: InterpreterVisitPayload = {
		requestId: request.id,
		sequence: request.sequence,
		method,
		schoolName: facts.schoolName,
		schoolPhone: facts.schoolPhone,
		timeZone: facts.timeZone,
		startsAt: request.startsAt.toISOString(),
		endsAt: request.endsAt.toISOString(),
		...(extra.previousStartsAt &&
			extra.previousStartsAt !== request.startsAt.toISOString() && {
				previousStartsAt: extra.previousStartsAt
			}),
		language: request.language,
		mode: request.mode,
		location: request.location,
		...(extra.withoutFamily
			? { placeName: '', address: '' }
			: await whereAbouts(tx, request.bookingId, request.location)),
		staffNames: staffIds.map((id) => names.find((n) => n.id === id)?.name ?? '').filter(Boolean),
		details: children
	};
	await enqueue(
		tx,
		'interpreter_visit',
		[
			{
				schoolId: request.schoolId,
				toAddress: address,
				toName: who.name,
				language: who.email ? who.mailLanguage : (who.staffLanguage ?? who.mailLanguage),
				bookingId: request.bookingId,
				// A CANCEL for an erased family is no longer that family's: it names only the time.
				...(extra.withoutFamily && { familyId: null }),
				payload
			}
		],
		{ now }
	);
}
