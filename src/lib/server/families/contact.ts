/**
 * How to reach a family: its guardians (name, phone, e-mail, language), its address and its
 * children with their groups, for the staff's page of one family. Callers decide access first
 * (policy.mayViewFamily, through booking/choices.familyForStaff) and log every view
 * (audit/record.recordContactViews): this module only reads.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { family, group, guardian, pupil } from '../db/schema';
import { fullName } from '../roster/names';
import { formatAddress } from '../../format';

export interface GuardianContact {
	id: string;
	name: string;
	/** As the pupil administration wrote it ("moeder"), if it did. */
	relation: string | null;
	phone: string | null;
	email: string | null;
	/** The guardian's own language from the roster, else the family's. */
	language: string;
}

export interface FamilyContact {
	address: string;
	/** The language the family's mails and pages use. */
	language: string;
	guardians: GuardianContact[];
	children: { name: string; group: string | null; isNew: boolean }[];
}

export async function familyContact(
	db: Database,
	schoolId: string,
	familyId: string
): Promise<FamilyContact | null> {
	const [head] = await db
		.select({
			street: family.street,
			postalCode: family.postalCode,
			city: family.city,
			language: family.language
		})
		.from(family)
		.where(and(eq(family.id, familyId), eq(family.schoolId, schoolId)));
	if (!head) return null;
	const [guardians, children] = await Promise.all([
		db
			.select({
				id: guardian.id,
				name: guardian.name,
				relation: guardian.relation,
				phone: guardian.phone,
				email: guardian.email,
				language: guardian.language
			})
			.from(guardian)
			.where(eq(guardian.familyId, familyId))
			.orderBy(asc(guardian.createdAt), asc(guardian.name)),
		db
			.select({
				firstName: pupil.firstName,
				infix: pupil.infix,
				lastName: pupil.lastName,
				group: group.name,
				isNew: pupil.isNew
			})
			.from(pupil)
			.leftJoin(group, eq(group.id, pupil.groupId))
			.where(eq(pupil.familyId, familyId))
			.orderBy(asc(pupil.birthDate), asc(pupil.firstName))
	]);
	return {
		address: formatAddress(head.street, head.postalCode, head.city),
		language: head.language,
		guardians: guardians.map((g) => ({ ...g, language: g.language || head.language })),
		children: children.map((c) => ({ name: fullName(c), group: c.group, isNew: c.isNew }))
	};
}
