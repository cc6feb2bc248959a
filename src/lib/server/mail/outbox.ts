/**
 * The way into the outbox. Domain modules call `enqueue` inside the transaction of the change
 * that causes a message; TypeScript checks that the payload is the one its kind carries
 * (payloads.ts), and the database that the kind exists. Nothing else writes outbox rows.
 */
import { and, eq, inArray, is, sql, SQL } from 'drizzle-orm';
import type { Database } from '../db';
import { outbox } from '../db/schema';
import {
	keptPerCount,
	listValues,
	placeholderList,
	preparedInsert,
	preparedQuery
} from '../db/prepared';
import { inOrder } from '../db/transaction';
import type { Message, MessageKind, MessagePayloads } from './payloads';

/** Who a message goes to and what it belongs to. */
export interface Envelope {
	schoolId: string;
	toAddress: string;
	toName: string;
	/** The reader's language: the family's or the staff member's. */
	language: string;
	/** The visit it is about: staff mails about one visit merge, reminders check it. */
	bookingId?: string | null;
	/**
	 * The family and round it is about, for erasure and retention. Taken from the visit when the
	 * message names one; a message about a family without a visit (an invitation, a link) must
	 * name them, and one about nobody's family (a staff invite) says null.
	 */
	familyId?: string | null;
	roundId?: string | null;
	waveId?: string | null;
	/** `sms`: a text to the E.164 number in `toAddress`, sent through the SMS provider. Mail by default. */
	channel?: 'email' | 'sms';
	/** Set for a message that must exist once only, such as `reminder:<booking>:<start>`. */
	dedupeKey?: string | null;
}

export interface EnqueueOptions {
	now: Date;
	/** Not before this moment (a change mail that waits for a next change). */
	sendAt?: Date;
	/** Keeps the first of two messages with the same dedupe key; returns how many were new. */
	once?: boolean;
	/** Written at this time instead of now: a merged message keeps its first one's place. */
	createdAt?: Date;
}

/** Queues messages of one kind; returns how many rows were written. */
export async function enqueue<K extends MessageKind>(
	tx: Database,
	kind: K,
	messages: (Envelope & { payload: MessagePayloads[K] })[],
	options: EnqueueOptions
): Promise<number> {
	if (messages.length === 0) return 0;
	const rows = messages.map(({ payload, ...envelope }) => ({
		...envelope,
		...ownerOf(envelope),
		kind,
		payload,
		createdAt: options.createdAt ?? options.now,
		nextAttemptAt: options.sendAt ?? options.now
	}));
	// A visit's few mails (a booking's, each time): statements built once, sent together.
	if (!options.once && rows.length <= 4 && rows.every((row) => !Object.values(row).some(isSql)))
		return (await inOrder(rows.map((row) => insertOne(tx, row)))).reduce(
			(sum, inserted) => sum + inserted.length,
			0
		);
	let written = 0;
	// Large waves go in slices: one statement has at most 65,535 parameters.
	for (let i = 0; i < rows.length; i += 500) {
		const insert = tx.insert(outbox).values(rows.slice(i, i + 500));
		written += (
			options.once
				? await insert.onConflictDoNothing().returning({ id: outbox.id })
				: await insert.returning({ id: outbox.id })
		).length;
	}
	return written;
}

const isSql = (value: unknown) => is(value, SQL);
const insertOne = preparedInsert(outbox, 'outbox_one', { id: outbox.id });

/** Whose message it is: as the caller says, else the visit's family and round. */
function ownerOf({ bookingId, familyId, roundId }: Envelope) {
	const fromVisit = (column: 'family_id' | 'round_id') =>
		bookingId
			? sql<string>`(select ${sql.raw(column)} from booking where id = ${bookingId})`
			: null;
	return {
		familyId: familyId === undefined ? fromVisit('family_id') : familyId,
		roundId: roundId === undefined ? fromVisit('round_id') : roundId
	};
}

/**
 * Takes back the messages about a visit that wait unsent for this address (never claimed by a
 * worker: `attempts = 0`), oldest first, so that the caller can merge them into a new one. A
 * message a worker holds is left alone: the row lock makes that decision exact.
 */
export async function takeWaiting(
	tx: Database,
	bookingId: string,
	toAddress: string,
	kinds: readonly MessageKind[]
): Promise<(Message & { createdAt: Date })[]> {
	const rows = await waitingFor(kinds.length)(tx).execute({
		bookingId,
		toAddress,
		...listValues('kind', kinds)
	});
	return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map(asMessage);
}

/** Taken back by a visit's every change (booking/visit-messages.ts): built once per number of kinds. */
const waitingFor = keptPerCount((count) =>
	preparedQuery((db) =>
		db
			.delete(outbox)
			.where(
				and(
					eq(outbox.bookingId, sql.placeholder('bookingId')),
					eq(outbox.toAddress, sql.placeholder('toAddress')),
					inArray(outbox.kind, placeholderList('kind', count)),
					eq(outbox.status, 'pending'),
					eq(outbox.attempts, 0)
				)
			)
			.returning({ kind: outbox.kind, payload: outbox.payload, createdAt: outbox.createdAt })
			.prepare(`outbox_waiting_${count}`)
	)
);

/**
 * An outbox row as the message it is. The one place that trusts the jsonb payload: rows are
 * written only by `enqueue`, whose payloads are checked by kind, and the database allows no
 * other kinds.
 */
export function asMessage<R extends { kind: MessageKind; payload: MessagePayloads[MessageKind] }>(
	row: R
): Omit<R, 'kind' | 'payload'> & Message {
	return row as unknown as Omit<R, 'kind' | 'payload'> & Message;
}
