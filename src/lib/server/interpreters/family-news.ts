/**
 * The family hears once that the interpreter it asked for is arranged: "an interpreter for Arabic
 * will be there", in its own language, with the interpreter's name only when the school chose to
 * give it (`school.interpreter_name_to_families`). A later change of interpreter is the office's
 * business and sends the family nothing more; a visit that moves or is cancelled has its own mails.
 */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { booking, family, guardian, interpreterRequest, school } from '../db/schema';
import { distinctRecipients } from '../mail/address';
import { enqueue } from '../mail/outbox';

export async function tellFamilyOnce(
	tx: Database,
	request: {
		id: string;
		bookingId: string;
		language: string;
		startsAt: Date;
		endsAt: Date;
		familyToldAt: Date | null;
	},
	arranged: { name: string; mode: 'in_person' | 'phone' },
	now: Date
): Promise<void> {
	// Once only; and not for a visit that has begun (the office recording afterwards who came).
	if (request.familyToldAt || request.startsAt.getTime() <= now.getTime()) return;
	const [facts] = await tx
		.select({
			schoolId: school.id,
			schoolName: school.name,
			schoolPhone: school.phone,
			timeZone: school.timeZone,
			giveName: school.interpreterNameToFamilies,
			familyId: family.id,
			language: family.language
		})
		.from(booking)
		.innerJoin(school, eq(school.id, booking.schoolId))
		.innerJoin(family, eq(family.id, booking.familyId))
		.where(eq(booking.id, request.bookingId));
	if (!facts) return;
	const guardians = distinctRecipients(
		await tx
			.select({ name: guardian.name, email: guardian.email })
			.from(guardian)
			.where(eq(guardian.familyId, facts.familyId))
			.orderBy(asc(guardian.createdAt))
	);
	const payload = {
		schoolName: facts.schoolName,
		schoolPhone: facts.schoolPhone,
		timeZone: facts.timeZone,
		startsAt: request.startsAt.toISOString(),
		endsAt: request.endsAt.toISOString(),
		language: request.language,
		mode: arranged.mode,
		interpreterName: facts.giveName ? arranged.name : null
	};
	await enqueue(
		tx,
		'interpreter_arranged',
		guardians.map((g) => ({
			schoolId: facts.schoolId,
			toAddress: g.email,
			toName: g.name,
			language: facts.language,
			bookingId: request.bookingId,
			payload
		})),
		{ now }
	);
	await tx
		.update(interpreterRequest)
		.set({ familyToldAt: now })
		.where(eq(interpreterRequest.id, request.id));
}
