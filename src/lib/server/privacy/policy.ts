/** A school's retention settings and the dates that follow from them. */
import { addDays } from '../time/zone';

export interface RetentionPolicy {
	/** MM-DD: the last day of the school year. */
	schoolYearEnds: string;
	/** Null: at the end of the school year the round is in; else days after the round's last day. */
	bookingRetentionDays: number | null;
	reportRetentionMonths: number;
}

export const SCHOOL_YEAR_END = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** The choices the settings page offers for bookings: the end of the school year, or a fixed time. */
export const bookingRetentionChoices = [null, 28, 91, 182] as const;
export const REPORT_MONTHS_MIN = 1;
export const REPORT_MONTHS_MAX = 120;

/** The last day a round's bookings, questions and reasons are kept; they go the day after. */
export function bookingDataKeptUntil(roundEndsOn: string, policy: RetentionPolicy): string {
	if (policy.bookingRetentionDays !== null)
		return addDays(roundEndsOn, policy.bookingRetentionDays);
	const year = Number(roundEndsOn.slice(0, 4));
	const sameYear = `${year}-${policy.schoolYearEnds}`;
	return sameYear >= roundEndsOn ? sameYear : `${year + 1}-${policy.schoolYearEnds}`;
}

/** The instant `months` calendar months before `now`: what was made before it has been kept long enough. */
export function monthsBefore(now: Date, months: number): Date {
	const d = new Date(now);
	d.setUTCMonth(d.getUTCMonth() - months);
	return d;
}
