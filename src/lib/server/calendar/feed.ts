/**
 * A teacher's own calendar subscription: every visit they go to (as teacher or as second
 * person), for Outlook, Google and Apple Calendar. The URL holds a 160-bit token of which only
 * the hash is kept; a new link revokes the old one. The feed follows the staff-invite rule:
 * groups, not children's names, and no home address unless the school switched that on.
 */
import { and, asc, eq, gte, isNull } from 'drizzle-orm';
import type { Database } from '../db';
import {
	booking,
	calendarFeed,
	family,
	neutralPlace,
	school,
	slot,
	slotStaff,
	staff
} from '../db/schema';
import { hashToken, looksLikeToken, newSecret } from '../auth/token';
import { translatorFor } from '../i18n';
import { feedCalendar, type CalendarVisit } from './ics';
import { formatAddress } from '../../format';
import { childrenOfFamilies } from '../roster/family-children';
import { transaction } from '../db/transaction';
import { bookedOnly } from '../db/partial';

const DAY = 86_400_000;

export async function issueFeed(db: Database, staffId: string, now: Date): Promise<string> {
	const token = newSecret();
	await transaction(db, async (tx) => {
		await tx
			.update(calendarFeed)
			.set({ revokedAt: now })
			.where(and(eq(calendarFeed.staffId, staffId), isNull(calendarFeed.revokedAt)));
		await tx.insert(calendarFeed).values({ staffId, tokenHash: hashToken(token), createdAt: now });
	});
	return token;
}

export async function revokeFeed(db: Database, staffId: string, now: Date): Promise<boolean> {
	const rows = await db
		.update(calendarFeed)
		.set({ revokedAt: now })
		.where(and(eq(calendarFeed.staffId, staffId), isNull(calendarFeed.revokedAt)))
		.returning({ id: calendarFeed.id });
	return rows.length > 0;
}

export async function activeFeed(db: Database, staffId: string) {
	const [row] = await db
		.select({ createdAt: calendarFeed.createdAt })
		.from(calendarFeed)
		.where(and(eq(calendarFeed.staffId, staffId), isNull(calendarFeed.revokedAt)));
	return row ?? null;
}

/** The calendar a feed token opens, or null for anything unknown or revoked. */
export async function feedFor(db: Database, token: string, now: Date): Promise<string | null> {
	if (!looksLikeToken(token, 20)) return null;
	const [owner] = await db
		.select({
			staffId: staff.id,
			name: staff.name,
			language: staff.language,
			schoolName: school.name,
			details: school.staffInviteDetails,
			schoolStreet: school.street,
			schoolCity: school.city
		})
		.from(calendarFeed)
		.innerJoin(staff, and(eq(staff.id, calendarFeed.staffId), eq(staff.active, true)))
		.innerJoin(school, eq(school.id, staff.schoolId))
		.where(and(eq(calendarFeed.tokenHash, hashToken(token)), isNull(calendarFeed.revokedAt)));
	if (!owner) return null;
	const { t } = translatorFor(owner.language);
	const visits = await db
		.select({
			bookingId: booking.id,
			sequence: booking.sequence,
			familyId: booking.familyId,
			location: booking.location,
			interpreter: booking.interpreterLanguage,
			startsAt: slot.startsAt,
			endsAt: slot.endsAt,
			placeName: neutralPlace.name,
			placeAddress: neutralPlace.address,
			street: family.street,
			postalCode: family.postalCode,
			city: family.city
		})
		.from(slotStaff)
		.innerJoin(slot, eq(slot.id, slotStaff.slotId))
		.innerJoin(booking, and(eq(booking.slotId, slot.id), bookedOnly))
		.innerJoin(family, eq(family.id, booking.familyId))
		.leftJoin(neutralPlace, eq(neutralPlace.id, booking.neutralPlaceId))
		// A month back is enough history; everything ahead is there.
		.where(
			and(
				eq(slotStaff.staffId, owner.staffId),
				gte(slot.startsAt, new Date(now.getTime() - 30 * DAY))
			)
		)
		.orderBy(asc(slot.startsAt));
	const familyIds = [...new Set(visits.map((v) => v.familyId))];
	const childrenOf = await childrenOfFamilies(db, familyIds);
	const schoolPlace = [owner.schoolName, owner.schoolStreet, owner.schoolCity]
		.filter(Boolean)
		.join(', ');
	const events: CalendarVisit[] = visits.map((v) => {
		const kids = childrenOf(v.familyId);
		const label = owner.details ? kids.names : kids.label;
		const home = owner.details
			? formatAddress(v.street, v.postalCode, v.city)
			: t('staff_mail.place_home');
		const location =
			v.location === 'home'
				? home
				: v.location === 'school'
					? schoolPlace
					: [v.placeName, v.placeAddress].filter(Boolean).join(', ');
		return {
			uid: `${v.bookingId}@huisbezoek`,
			sequence: v.sequence,
			startsAt: v.startsAt,
			endsAt: v.endsAt,
			title: t('staff_mail.ics_title', { family: label }),
			location,
			description: [label, v.interpreter ? `${t('mail.label_interpreter')}: ${v.interpreter}` : '']
				.filter(Boolean)
				.join('\n')
		};
	});
	return feedCalendar(
		events,
		`${t('staff_mail.ics_title', { family: '' }).trim()} · ${owner.name}`
	);
}
