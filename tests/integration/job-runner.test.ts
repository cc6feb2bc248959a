import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeSchool } from '../support/fixtures';
import { outbox } from '../../src/lib/server/db/schema';
import { enqueue } from '../../src/lib/server/mail/outbox';
import { mailboxTransport } from '../../src/lib/server/mail/transport';
import { startJobs } from '../../src/lib/server/jobs/runner';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Mail that gives way to the server's requests: sent once they have passed, or after the limit. */
describe.each(databaseKinds)('the inline job runner on %s', (kind) => {
	let t: TestDatabase;
	let schoolId: string;

	beforeAll(async () => {
		t = await freshDatabase(kind);
		schoolId = (await makeSchool(t.db)).id;
	});
	afterAll(() => t.dispose());

	const queueOne = async (to: string) => {
		await enqueue(
			t.db,
			'answer_declined',
			[
				{
					schoolId,
					toAddress: to,
					toName: 'Ouder',
					language: 'nl',
					familyId: null,
					roundId: null,
					payload: { schoolName: 'De Ster', schoolPhone: '030 000 0000', roundName: 'Najaar' }
				}
			],
			{ now: new Date() }
		);
	};
	const statusOf = async (to: string) =>
		(await t.db.select({ status: outbox.status }).from(outbox).where(eq(outbox.toAddress, to)))[0]
			?.status;
	/** Polls until the message is sent; returns how long that took. */
	const sentWithin = async (to: string, ms: number) => {
		const began = Date.now();
		while (Date.now() - began < ms) {
			if ((await statusOf(to)) === 'sent') return Date.now() - began;
			await sleep(25);
		}
		return null;
	};
	const run = (requests: { now: number }, giveWayMs: number) =>
		startJobs(
			{
				db: t.db,
				transport: mailboxTransport(),
				origin: new URL('https://huisbezoek.school.example'),
				fromAddress: 'huisbezoek@school.example',
				now: () => new Date(),
				requestsInFlight: () => requests.now,
				giveWayMs
			},
			50
		);

	it('holds mail while requests are being handled and sends it once they are done', async () => {
		const requests = { now: 3 };
		const jobs = run(requests, 60_000);
		try {
			await queueOne('wacht@example.org');
			expect(await sentWithin('wacht@example.org', 1_000)).toBeNull();
			expect(await statusOf('wacht@example.org')).toBe('pending');
			requests.now = 0;
			expect(await sentWithin('wacht@example.org', 5_000)).not.toBeNull();
		} finally {
			await jobs.stop();
		}
	});

	it('sends mail anyway when requests never stop, after the longest wait', async () => {
		const requests = { now: 1 };
		const jobs = run(requests, 600);
		try {
			await queueOne('druk@example.org');
			const took = await sentWithin('druk@example.org', 5_000);
			expect(took).not.toBeNull();
			expect(took!).toBeGreaterThanOrEqual(400);
		} finally {
			await jobs.stop();
		}
	});

	it('sends at once when nothing else is running', async () => {
		const jobs = run({ now: 0 }, 60_000);
		try {
			await queueOne('stil@example.org');
			expect(await sentWithin('stil@example.org', 3_000)).not.toBeNull();
		} finally {
			await jobs.stop();
		}
	});
});
