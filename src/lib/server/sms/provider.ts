/**
 * Where text messages go. One interface, so a school can pick the provider it has a contract
 * with; MessageBird (Bird) is built in, by its REST API as documented
 * (https://developers.messagebird.com/api/sms-messaging/#send-outbound-sms). Without a
 * provider, texts are kept in the Mailbox like mail without SMTP, so the demo runs end to end.
 */
export interface OutgoingSms {
	/** E.164, "+31612345678". */
	to: string;
	text: string;
	/** The outbox id: the provider's delivery reports and our log name the same message. */
	reference: string;
}

export interface SmsProvider {
	/** `messagebird`, or `mailbox` when none is configured. */
	name: string;
	/** Resolves with the provider's id for the message; rejects with an `SmsError`. */
	send(sms: OutgoingSms): Promise<string>;
}

/**
 * A refused or failed send. `permanent`: the provider said no to this message (a number it
 * cannot reach, a text it will not take), so the worker fails it at once; otherwise (the provider
 * down, the network, too many requests, a key being fixed) the worker tries again later.
 */
export class SmsError extends Error {
	constructor(
		message: string,
		readonly permanent: boolean,
		readonly status: number | null
	) {
		super(message);
		this.name = 'SmsError';
	}
}

export interface SmsSettings {
	provider: 'messagebird';
	apiKey: string;
	/** The sender shown on the phone: up to 11 letters and digits, or a phone number. */
	from: string;
	/** The API's base address; tests point it at a recorder on loopback. */
	apiUrl: string;
}

export const SMS_PROVIDERS = ['messagebird'] as const;
export const DEFAULT_API_URL: Record<SmsSettings['provider'], string> = {
	messagebird: 'https://rest.messagebird.com'
};
const TIMEOUT_MS = 15_000;

/**
 * 4xx is about this message, except the answers that change with time or with the school's
 * settings: a wrong or expired key (401, 403) is fixed by the school and the queue then goes out;
 * 408 and 429 ask us to come back.
 */
const isPermanentStatus = (status: number) =>
	status >= 400 && status < 500 && ![401, 403, 408, 429].includes(status);

async function post(url: string, init: RequestInit): Promise<{ status: number; body: string }> {
	try {
		const response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
		return { status: response.status, body: await response.text() };
	} catch (error) {
		const cause = error instanceof Error ? error.message : String(error);
		throw new SmsError(`SMS provider not reached: ${cause}`, false, null);
	}
}

/** The provider's own words for a refusal, short. */
function refusal(status: number, body: string): SmsError {
	let detail = body.slice(0, 300);
	try {
		const parsed = JSON.parse(body) as { errors?: { code?: number; description?: string }[] };
		const first = parsed.errors?.[0];
		if (first) detail = `${first.code ?? ''} ${first.description ?? ''}`.trim();
	} catch {
		// Not JSON (a proxy's error page): its first characters say enough.
	}
	return new SmsError(
		`SMS provider answered ${status}: ${detail}`,
		isPermanentStatus(status),
		status
	);
}

/** MessageBird's `POST /messages`: JSON, `Authorization: AccessKey …`, 201 with the message's id. */
export function messagebirdProvider(settings: SmsSettings): SmsProvider {
	const url = new URL('/messages', settings.apiUrl).toString();
	return {
		name: 'messagebird',
		async send({ to, text, reference }) {
			const { status, body } = await post(url, {
				method: 'POST',
				headers: {
					Authorization: `AccessKey ${settings.apiKey}`,
					'Content-Type': 'application/json',
					Accept: 'application/json'
				},
				body: JSON.stringify({
					originator: settings.from,
					// MSISDNs: the number with its country code, no plus.
					recipients: [to.replace(/^\+/, '')],
					body: text,
					reference,
					// Plain GSM when the text allows, Unicode for Arabic, Ukrainian, Polish, Turkish.
					datacoding: 'auto'
				})
			});
			if (status !== 200 && status !== 201) throw refusal(status, body);
			try {
				return `accepted: ${String((JSON.parse(body) as { id?: unknown }).id ?? '')}`.trim();
			} catch {
				return 'accepted';
			}
		}
	};
}

/** No provider: the text stays in the Mailbox, where the office can read it and send it by hand. */
export function mailboxSms(): SmsProvider {
	return { name: 'mailbox', send: async () => 'kept in the Mailbox (no SMS provider set)' };
}

export function smsProviderFor(settings: SmsSettings | null): SmsProvider {
	return settings ? messagebirdProvider(settings) : mailboxSms();
}
