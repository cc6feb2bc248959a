/**
 * The one job runner: once a day the retention job, every minute the reminders that are due,
 * then whatever mail is due, then a short wait. Used inside the server (the default) and by
 * `npm run cli -- worker`. It schedules; the work itself is the areas' own (mail delivery,
 * booking reminders, privacy retention).
 */
import type { Database } from '../db';
import { log, errorFields } from '../log';
import { deliverDue, type WorkerDeps } from '../mail/worker';
import { queueReminders } from '../booking/reminders';
import { applyRetention } from '../privacy/retention';
import { recordEndedRounds } from '../evaluation/figures';
import { refreshStatistics } from '../db/statistics';

export interface RunningJobs {
	stop(): Promise<void>;
}

/** The longest a round of mail waits for the requests of this process to pass. */
export const MAX_GIVE_WAY_MS = 10_000;
const GIVE_WAY_POLL_MS = 20;

export function startJobs(
	deps: WorkerDeps & {
		db: Database;
		/**
		 * Requests this process is handling now. Inside the server, mail gives way to them: when
		 * the newsletter goes out and a hundred parents book at once, their pages come first and
		 * the confirmations (safe in the outbox) follow seconds later. Each round waits at most
		 * MAX_GIVE_WAY_MS in all, so mail still goes out under a load that never stops.
		 */
		requestsInFlight?: () => number;
		/** MAX_GIVE_WAY_MS unless a test says otherwise. */
		giveWayMs?: number;
	},
	intervalMs = 2000
): RunningJobs {
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;
	let current: Promise<void> = Promise.resolve();
	let lastReminders = 0;
	let lastRetention = 0;

	const tick = async () => {
		try {
			// Real time, not the business clock: a day is a day even with FAKE_NOW.
			if (Date.now() - lastRetention >= 86_400_000) {
				lastRetention = Date.now();
				// First what finished rounds were for, so their figures keep to it, then retention.
				const recorded = await recordEndedRounds(deps.db, deps.now());
				if (recorded) log.info('round_members_recorded', { rounds: recorded });
				const run = await applyRetention(deps.db, deps.now());
				await refreshStatistics(deps.db);
				log.info('retention_applied', {
					rounds: run.rounds,
					bookings: run.bookings,
					reports: run.reports,
					...run.housekeeping
				});
			}
			if (deps.now().getTime() - lastReminders >= 60_000) {
				lastReminders = deps.now().getTime();
				const queued = await queueReminders(deps.db, deps.now());
				if (queued) log.info('reminders_queued', { count: queued });
			}
			const giveWayUntil = Date.now() + (deps.giveWayMs ?? MAX_GIVE_WAY_MS);
			const busy = deps.requestsInFlight;
			const pause = busy
				? async () => {
						while (busy() > 0 && Date.now() < giveWayUntil && !stopped)
							await new Promise((resolve) => setTimeout(resolve, GIVE_WAY_POLL_MS));
					}
				: undefined;
			// A full batch means more may be waiting: go on at once.
			let run = await deliverDue({ ...deps, pause });
			while (run.claimed === (deps.batchSize ?? 50) && !stopped)
				run = await deliverDue({ ...deps, pause });
		} catch (error) {
			log.error('mail_worker_failed', errorFields(error));
		}
	};
	const schedule = () => {
		if (stopped) return;
		timer = setTimeout(() => {
			current = tick().finally(schedule);
		}, intervalMs);
	};
	current = tick().finally(schedule);
	log.info('mail_worker_started', { transport: deps.transport.name });
	return {
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await current;
			deps.transport.close();
		}
	};
}
