/**
 * The portal behind a TLS proxy, as the README recommends: ORIGIN is https, and the visitor's
 * address arrives in X-Forwarded-For. Browsers are told to keep to https, on pages and static
 * files alike, and rate limits count visitors, not the proxy. PGlite only: the database plays
 * no part beyond holding the counters, which are read after the server stops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { tempDir } from '../support/databases';
import { startServer, type RunningServer } from '../support/server';
import { openDatabase, rowsOf } from '../../src/lib/server/db';
import { sql } from 'drizzle-orm';
import { keyOf } from '../../src/lib/server/auth/rate-limit';
import { addressLimit } from '../../src/lib/server/auth/sign-in';

const ORIGIN = 'https://huisbezoek.school.example';

describe('the portal behind a TLS proxy', () => {
	const started: { server: RunningServer; dataDir: string }[] = [];
	const startBehindProxy = async () => {
		const dataDir = tempDir('hb-proxy');
		started.push({
			dataDir,
			server: await startServer({
				DATA_DIR: dataDir,
				ORIGIN,
				ADDRESS_HEADER: 'X-Forwarded-For',
				XFF_DEPTH: '1'
			})
		});
		return started.at(-1)!;
	};
	let server: RunningServer;

	beforeAll(async () => {
		server = (await startBehindProxy()).server;
	});
	afterAll(async () => {
		for (const { server, dataDir } of started) {
			await server.stop();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	});

	const signInAt = (url: string) => (email: string, forwardedFor?: string) =>
		fetch(`${url}/sign-in`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'text/html',
				Origin: ORIGIN,
				...(forwardedFor && { 'X-Forwarded-For': forwardedFor })
			},
			body: new URLSearchParams({ email, password: 'not the password' })
		});

	it('sends Strict-Transport-Security and nosniff on pages, health checks and static files', async () => {
		const html = await (await fetch(`${server.url}/sign-in`)).text();
		const asset = /(?:href|src)="\.?\.?(\/_app\/immutable\/[^"]+)"/.exec(html)![1]!;
		for (const path of ['/sign-in', '/healthz', asset, '/favicon.svg']) {
			const response = await fetch(server.url + path);
			expect(response.headers.get('strict-transport-security'), path).toBe(
				'max-age=31536000; includeSubDomains'
			);
			expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
		}
	});

	it("counts sign-in attempts per visitor address from the proxy's header, never fails without it, and keeps the counters by visitor", async () => {
		// A server of its own: the counters are read once it has stopped.
		const { server, dataDir } = await startBehindProxy();
		const signIn = signInAt(server.url);
		// The proxy appends the visitor's address; what the visitor sent itself comes before it.
		expect((await signIn('juf@school.example', '10.0.0.99, 203.0.113.7')).status).toBe(400);
		expect((await signIn('meester@school.example', '198.51.100.23')).status).toBe(400);
		// A request that bypassed the proxy: refused as a wrong password, not a server error.
		const bypass = await signIn('juf@school.example');
		expect(bypass.status).toBe(400);
		expect(await bypass.text()).toContain('role="alert"');

		// Kept by visitor address, not by the proxy.
		await server.stop();
		const handle = await openDatabase({ databaseUrl: null, dataDir, role: 'test' });
		try {
			const keys = rowsOf<{ key_hash: string; hits: number }>(
				await handle.db.execute(sql`select key_hash, hits from rate_limit`)
			);
			const hits = (subject: string) =>
				Number(keys.find((k) => k.key_hash === keyOf(addressLimit, subject))?.hits ?? 0);
			expect(hits('203.0.113.7')).toBe(1);
			expect(hits('198.51.100.23')).toBe(1);
			expect(hits('10.0.0.99')).toBe(0);
			expect(hits('127.0.0.1')).toBe(0);
			expect(hits('unknown')).toBe(1);
		} finally {
			await handle.close();
		}
	});
});
