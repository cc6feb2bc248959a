import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
	it('works on a laptop with nothing set', () => {
		const c = loadConfig({});
		// No demo school unless asked for: `npm start` asks (DEMO=auto), a school's server does not.
		expect(c).toMatchObject({
			port: 3000,
			host: '0.0.0.0',
			databaseUrl: null,
			smtpUrl: null,
			demo: 'off'
		});
		expect(c.origin.href).toBe('http://localhost:3000/');
		expect(c.dataDir.endsWith('/data')).toBe(true);
	});

	it('follows PORT for the default origin and reads every variable', () => {
		const c = loadConfig({
			PORT: '8080',
			HOST: '127.0.0.1',
			DATABASE_URL: 'postgres://u@db/hb',
			DATA_DIR: '/var/lib/hb',
			SMTP_URL: 'smtp://mail:25',
			MAIL_FROM: 'Huisbezoek@School.example',
			MAIL_WORKER: 'off',
			DEMO: 'auto',
			FAKE_NOW: '2026-10-01T08:00:00Z',
			FAKE_NOW_ALLOWED: 'yes'
		});
		expect(c.fakeNow?.toISOString()).toBe('2026-10-01T08:00:00.000Z');
		expect(c.origin.href).toBe('http://localhost:8080/');
		expect(c).toMatchObject({
			port: 8080,
			host: '127.0.0.1',
			databaseUrl: 'postgres://u@db/hb',
			dataDir: '/var/lib/hb',
			smtpUrl: 'smtp://mail:25',
			mailFrom: 'huisbezoek@school.example',
			mailWorker: 'off',
			demo: 'auto'
		});
	});

	it('wants a sender address with SMTP, and a plain one', () => {
		expect(() => loadConfig({ SMTP_URL: 'smtp://mail:25' })).toThrow(/MAIL_FROM/);
		expect(() => loadConfig({ MAIL_FROM: 'a@b.nl\r\nBcc: x@y.nl' })).toThrow(/MAIL_FROM/);
		expect(() => loadConfig({ MAIL_WORKER: 'sometimes' })).toThrow(/MAIL_WORKER/);
		expect(loadConfig({}).mailFrom).toBe('huisbezoek@localhost.localdomain');
	});

	it('reads an SMS provider with its key and sender, or keeps texts in the Mailbox', () => {
		expect(loadConfig({}).sms).toBeNull();
		expect(
			loadConfig({ SMS_PROVIDER: 'messagebird', SMS_API_KEY: 'live_abc', SMS_FROM: 'Spitsbergen' })
				.sms
		).toEqual({
			provider: 'messagebird',
			apiKey: 'live_abc',
			from: 'Spitsbergen',
			apiUrl: 'https://rest.messagebird.com'
		});
		expect(
			loadConfig({
				SMS_PROVIDER: 'messagebird',
				SMS_API_KEY: 'k',
				SMS_FROM: '+31201234567',
				SMS_API_URL: 'http://127.0.0.1:4010'
			}).sms
		).toMatchObject({ from: '+31201234567', apiUrl: 'http://127.0.0.1:4010/' });
		expect(() => loadConfig({ SMS_PROVIDER: 'carrier-pigeon' })).toThrow(/SMS_PROVIDER must be/);
		expect(() => loadConfig({ SMS_PROVIDER: 'messagebird', SMS_FROM: 'School' })).toThrow(
			/SMS_API_KEY/
		);
		for (const from of ['Basisschool De Regenboog', 'OBS-Zuid', '12'])
			expect(
				() => loadConfig({ SMS_PROVIDER: 'messagebird', SMS_API_KEY: 'k', SMS_FROM: from }),
				from
			).toThrow(/SMS_FROM/);
		expect(() =>
			loadConfig({
				SMS_PROVIDER: 'messagebird',
				SMS_API_KEY: 'k',
				SMS_FROM: 'School',
				SMS_API_URL: 'rest.messagebird.com'
			})
		).toThrow(/SMS_API_URL/);
		expect(() => loadConfig({ SMS_API_KEY: 'k' })).toThrow(/need SMS_PROVIDER/);
	});

	it('wants a BODY_SIZE_LIMIT that holds a roster file, in the units adapter-node reads', () => {
		expect(() => loadConfig({})).not.toThrow();
		for (const value of ['6M', '6m', '5184K', '10485760', '1G', 'Infinity', ' '])
			expect(() => loadConfig({ BODY_SIZE_LIMIT: value }), value).not.toThrow();
		for (const value of ['512K', '5M', '5242880', 'lots', '6 MB', '-1'])
			expect(() => loadConfig({ BODY_SIZE_LIMIT: value }), value).toThrow(
				/BODY_SIZE_LIMIT must be at least 5184K/
			);
	});

	it('stops with every problem named at once', () => {
		let caught: unknown;
		try {
			loadConfig({
				PORT: '80a',
				ORIGIN: 'ftp://x',
				DATABASE_URL: 'mysql://x',
				SMTP_URL: 'mail.example',
				TZ_SCHOOL: 'Europe/Amsterdan',
				DEMO: 'yes',
				LOG_LEVEL: 'loud',
				FAKE_NOW: 'tomorrow'
			});
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(ConfigError);
		const problems = (caught as ConfigError).problems.join('\n');
		for (const name of [
			'PORT',
			'ORIGIN',
			'DATABASE_URL',
			'SMTP_URL',
			'TZ_SCHOOL',
			'DEMO',
			'LOG_LEVEL',
			'FAKE_NOW'
		])
			expect(problems).toContain(name);
	});

	it('refuses an ORIGIN with a path and one that is not a URL', () => {
		expect(() => loadConfig({ ORIGIN: 'https://school.example/huisbezoek' })).toThrow(ConfigError);
		expect(() => loadConfig({ ORIGIN: 'localhost:3000' })).toThrow(ConfigError);
		expect(loadConfig({ ORIGIN: 'https://huisbezoek.school.example' }).origin.protocol).toBe(
			'https:'
		);
	});

	it("reads the proxy's address header, and refuses what adapter-node would trip over", () => {
		expect(loadConfig({})).toMatchObject({ addressHeader: null, xffDepth: 1 });
		expect(loadConfig({ ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '2' })).toMatchObject({
			addressHeader: 'x-forwarded-for',
			xffDepth: 2
		});
		expect(loadConfig({ ADDRESS_HEADER: 'X-Real-IP' })).toMatchObject({
			addressHeader: 'x-real-ip',
			xffDepth: 1
		});
		expect(() => loadConfig({ ADDRESS_HEADER: 'X Forwarded For' })).toThrow(/ADDRESS_HEADER/);
		expect(() => loadConfig({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '0' })).toThrow(
			/XFF_DEPTH/
		);
		expect(() => loadConfig({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: 'one' })).toThrow(
			/XFF_DEPTH/
		);
		expect(() => loadConfig({ XFF_DEPTH: '1' })).toThrow(/XFF_DEPTH applies only/);
	});

	it('reads how many requests run at once, and refuses what is not a count', () => {
		expect(loadConfig({}).requestsAtOnce).toBe(16);
		expect(loadConfig({ REQUESTS_AT_ONCE: '30' }).requestsAtOnce).toBe(30);
		for (const wrong of ['0', '-4', '2.5', 'many', '1001'])
			expect(() => loadConfig({ REQUESTS_AT_ONCE: wrong })).toThrow(/REQUESTS_AT_ONCE/);
	});

	it('refuses a test clock unless a test allows it', () => {
		expect(() => loadConfig({ FAKE_NOW: '2026-10-15T08:00:00Z' })).toThrow(/FAKE_NOW_ALLOWED=yes/);
		expect(() =>
			loadConfig({ FAKE_NOW: '2026-10-15T08:00:00Z', FAKE_NOW_ALLOWED: 'true' })
		).toThrow(/FAKE_NOW_ALLOWED=yes/);
		expect(
			loadConfig({
				FAKE_NOW: '2026-10-15T08:00:00Z',
				FAKE_NOW_ALLOWED: 'yes'
			}).fakeNow?.toISOString()
		).toBe('2026-10-15T08:00:00.000Z');
		expect(loadConfig({ FAKE_NOW_ALLOWED: 'yes' }).fakeNow).toBeNull();
	});

	it('has no portal-wide time zone: each school keeps its own', () => {
		expect(loadConfig({})).not.toHaveProperty('schoolTimeZone');
		expect(() => loadConfig({ TZ_SCHOOL: 'Europe/Brussels' })).toThrow(/School details/);
	});
});
