/**
 * The one place that reads the environment. Every value is validated at start so that a typo in
 * a school's deployment stops the server with a message instead of failing on the first request.
 * Defaults make `npm start` work on a laptop.
 */
import path from 'node:path';
import { isEmail } from './forms';
import { MAX_BYTES as ROSTER_MAX_BYTES } from './roster/csv';
import { DEFAULT_API_URL, SMS_PROVIDERS, type SmsSettings } from './sms/provider';

export type DemoMode = 'auto' | 'off';

export interface Config {
	port: number;
	host: string;
	origin: URL;
	databaseUrl: string | null;
	dataDir: string;
	smtpUrl: string | null;
	/** The address mail is sent from; each school's name goes on it. */
	mailFrom: string;
	/** `inline`: the server sends mail itself; `off`: a separate `cli worker` process does. */
	mailWorker: 'inline' | 'off';
	/** The SMS provider for text messages to families; null: texts are kept in the Mailbox. */
	sms: SmsSettings | null;
	demo: DemoMode;
	logLevel: 'debug' | 'info' | 'warn' | 'error';
	/** For tests and demos only: the business clock starts at this instant and runs on from there. */
	fakeNow: Date | null;
	/**
	 * Behind a proxy: the header that carries the visitor's address (adapter-node reads it too), so
	 * that rate limits count visitors, not the proxy. `xffDepth`: which address of X-Forwarded-For,
	 * counted from the right, is the visitor's (1: the one the proxy added).
	 */
	addressHeader: string | null;
	xffDepth: number;
	/** Requests handled at once; the others wait their turn (admission/gate.ts). */
	requestsAtOnce: number;
}

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.name = 'ConfigError';
	}
}

type Env = Record<string, string | undefined>;

/**
 * adapter-node refuses a request body over BODY_SIZE_LIMIT before our code sees it. Its own
 * default (512K) is below the roster upload limit, so `scripts/server.js` sets 6M first; a value
 * set by hand must still hold a roster file and the form around it.
 */
export const DEFAULT_BODY_SIZE_LIMIT = '6M';
const MIN_BODY_SIZE = ROSTER_MAX_BYTES + 64 * 1024;

/** A size as adapter-node reads it: bytes, or a number with K, M or G (binary), or Infinity. */
export function parseByteSize(value: string): number {
	const multiplier =
		({ K: 1024, M: 1024 ** 2, G: 1024 ** 3 } as Record<string, number>)[
			value.slice(-1).toUpperCase()
		] ?? 1;
	return Number(multiplier === 1 ? value : value.slice(0, -1)) * multiplier;
}

export function loadConfig(env: Env = process.env): Config {
	const problems: string[] = [];
	const value = (name: string) => {
		const raw = env[name];
		return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
	};

	const portRaw = value('PORT') ?? '3000';
	const port = Number(portRaw);
	if (!/^\d+$/.test(portRaw) || port < 1 || port > 65535) {
		problems.push(`PORT must be a whole number from 1 to 65535, not "${portRaw}"`);
	}

	const host = value('HOST') ?? '0.0.0.0';

	let origin = new URL(`http://localhost:${port || 3000}`);
	const originRaw = value('ORIGIN');
	if (originRaw !== undefined) {
		try {
			origin = new URL(originRaw);
			if (origin.protocol !== 'http:' && origin.protocol !== 'https:') {
				problems.push(`ORIGIN must start with http:// or https://, not "${originRaw}"`);
			} else if (origin.pathname !== '/' || origin.search || origin.hash) {
				problems.push(
					`ORIGIN must be scheme, host and port only (like https://huisbezoek.school.nl), not "${originRaw}"`
				);
			}
		} catch {
			problems.push(`ORIGIN is not a URL: "${originRaw}"`);
		}
	}

	const databaseUrl = value('DATABASE_URL') ?? null;
	if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
		problems.push('DATABASE_URL must start with postgres:// or postgresql://');
	}

	const dataDir = path.resolve(value('DATA_DIR') ?? 'data');

	const smtpUrl = value('SMTP_URL') ?? null;
	if (smtpUrl !== null && !/^smtps?:\/\//.test(smtpUrl)) {
		problems.push('SMTP_URL must start with smtp:// or smtps://');
	}

	const mailFrom = (
		value('MAIL_FROM') ??
		`huisbezoek@${origin.hostname.includes('.') ? origin.hostname : 'localhost.localdomain'}`
	).toLowerCase();
	if (!isEmail(mailFrom))
		problems.push(
			`MAIL_FROM must be one plain e-mail address, like huisbezoek@school.nl, not "${mailFrom}"`
		);
	else if (smtpUrl !== null && value('MAIL_FROM') === undefined)
		problems.push(
			'MAIL_FROM must be set when SMTP_URL is: the address mail is sent from, like huisbezoek@school.nl'
		);

	const mailWorker = (value('MAIL_WORKER') ?? 'inline') as Config['mailWorker'];
	if (mailWorker !== 'inline' && mailWorker !== 'off')
		problems.push(`MAIL_WORKER must be "inline" or "off", not "${mailWorker}"`);

	const sms = readSms(value, problems);

	// Each school keeps its own time zone (School details); one portal serves several schools.
	if (value('TZ_SCHOOL') !== undefined)
		problems.push(
			"TZ_SCHOOL is no longer read: set each school's time zone on its School details page (Europe/Amsterdam or Europe/Brussels)"
		);

	// A demo school only where someone asks for one: `npm start` does, a school's server does not.
	const demo = (value('DEMO') ?? 'off') as DemoMode;
	if (demo !== 'auto' && demo !== 'off')
		problems.push(`DEMO must be "auto" or "off", not "${demo}"`);

	const logLevel = (value('LOG_LEVEL') ?? 'info') as Config['logLevel'];
	if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
		problems.push(`LOG_LEVEL must be debug, info, warn or error, not "${logLevel}"`);
	}

	const bodySizeRaw = value('BODY_SIZE_LIMIT') ?? DEFAULT_BODY_SIZE_LIMIT;
	const bodySize = parseByteSize(bodySizeRaw);
	if (Number.isNaN(bodySize) || bodySize < MIN_BODY_SIZE) {
		problems.push(
			`BODY_SIZE_LIMIT must be at least ${Math.ceil(MIN_BODY_SIZE / 1024)}K so that a roster file of ${ROSTER_MAX_BYTES / 1024 ** 2} MB fits (leave it unset for ${DEFAULT_BODY_SIZE_LIMIT}), not "${bodySizeRaw}"`
		);
	}

	const fakeNowRaw = value('FAKE_NOW');
	const fakeNow = fakeNowRaw ? new Date(fakeNowRaw) : null;
	if (fakeNow && (Number.isNaN(fakeNow.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(fakeNowRaw!))) {
		problems.push(`FAKE_NOW must be an ISO instant like 2026-10-01T08:00:00Z, not "${fakeNowRaw}"`);
	} else if (fakeNow && value('FAKE_NOW_ALLOWED') !== 'yes') {
		// A clock set back by accident on a school's server would reopen closed rounds: tests only.
		problems.push(
			"FAKE_NOW moves the portal's clock and is for tests only: set FAKE_NOW_ALLOWED=yes as well, never on a school's server"
		);
	}

	const addressHeader = value('ADDRESS_HEADER')?.toLowerCase() ?? null;
	if (addressHeader !== null && !/^[a-z0-9][a-z0-9-]*$/.test(addressHeader)) {
		problems.push(
			`ADDRESS_HEADER must be one header name, like X-Forwarded-For or X-Real-IP, not "${addressHeader}"`
		);
	}
	const xffDepthRaw = value('XFF_DEPTH');
	const xffDepth = Number(xffDepthRaw ?? '1');
	if (xffDepthRaw !== undefined) {
		if (!/^\d+$/.test(xffDepthRaw) || xffDepth < 1 || xffDepth > 20)
			problems.push(
				`XFF_DEPTH must be a whole number from 1 to 20 (the number of proxies in front of the portal), not "${xffDepthRaw}"`
			);
		else if (addressHeader !== 'x-forwarded-for')
			problems.push('XFF_DEPTH applies only with ADDRESS_HEADER=X-Forwarded-For');
	}

	const atOnceRaw = value('REQUESTS_AT_ONCE');
	// Measured (bench/booking-burst.ts, 64 parents at once, against no gate): 16 served 8 % fewer
	// a second with p99 a third lower (336-343 against 473-503 ms); 12 served 11 % fewer, for a
	// p99 no better (353-366 ms); 24 let the tail grow again (359-377 ms).
	const requestsAtOnce = Number(atOnceRaw ?? '16');
	if (
		atOnceRaw !== undefined &&
		(!/^\d+$/.test(atOnceRaw) || requestsAtOnce < 1 || requestsAtOnce > 1000)
	)
		problems.push(`REQUESTS_AT_ONCE must be a whole number from 1 to 1000, not "${atOnceRaw}"`);

	if (problems.length > 0) throw new ConfigError(problems);
	return {
		port,
		host,
		origin,
		databaseUrl,
		dataDir,
		smtpUrl,
		mailFrom,
		mailWorker,
		sms,
		demo,
		logLevel,
		fakeNow,
		addressHeader,
		xffDepth,
		requestsAtOnce
	};
}

/**
 * SMS_PROVIDER with its key and sender, or nothing at all: a key without a provider (or the other
 * way round) is a half-made setting that would silently keep every text in the Mailbox.
 */
function readSms(
	value: (name: string) => string | undefined,
	problems: string[]
): SmsSettings | null {
	const provider = value('SMS_PROVIDER');
	const apiKey = value('SMS_API_KEY');
	const from = value('SMS_FROM');
	const apiUrl = value('SMS_API_URL');
	if (provider === undefined) {
		if (apiKey !== undefined || from !== undefined || apiUrl !== undefined)
			problems.push(
				`SMS_API_KEY, SMS_FROM and SMS_API_URL need SMS_PROVIDER (${SMS_PROVIDERS.join(' or ')})`
			);
		return null;
	}
	const known = (SMS_PROVIDERS as readonly string[]).includes(provider);
	if (!known)
		problems.push(`SMS_PROVIDER must be ${SMS_PROVIDERS.join(' or ')}, not "${provider}"`);
	if (apiKey === undefined)
		problems.push("SMS_API_KEY must be set with SMS_PROVIDER: the provider's access key");
	// What the phone shows as the sender: the provider takes 11 letters and digits, or a number.
	if (from === undefined || !/^(\+?\d{3,17}|(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11})$/.test(from))
		problems.push(
			`SMS_FROM must be the sender a phone shows: up to 11 letters and digits (like Spitsbergen) or a phone number${from === undefined ? '' : `, not "${from}"`}`
		);
	let base = known ? DEFAULT_API_URL[provider as SmsSettings['provider']] : '';
	if (apiUrl !== undefined) {
		try {
			const parsed = new URL(apiUrl);
			if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error();
			base = parsed.toString();
		} catch {
			problems.push(`SMS_API_URL must be an http:// or https:// address, not "${apiUrl}"`);
		}
	}
	if (!known || apiKey === undefined || from === undefined) return null;
	return { provider: provider as SmsSettings['provider'], apiKey, from, apiUrl: base };
}

let current: Config | undefined;

/** The process's configuration, read once. */
export function config(): Config {
	current ??= loadConfig();
	return current;
}
