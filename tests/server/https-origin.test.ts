/**
 * A portal whose ORIGIN is https (behind a TLS proxy, as the README recommends) tells browsers to
 * keep to https, on pages and static files alike. The database plays no part: PGlite only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { tempDir } from '../support/databases';
import { startServer, type RunningServer } from '../support/server';

describe('the portal behind https', () => {
	let server: RunningServer;
	let dataDir: string;

	beforeAll(async () => {
		dataDir = tempDir('hb-https');
		server = await startServer({ DATA_DIR: dataDir, ORIGIN: 'https://huisbezoek.school.example' });
	});
	afterAll(async () => {
		await server?.stop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('sends Strict-Transport-Security and nosniff on pages, health checks and static files', async () => {
		const html = await (await fetch(`${server.url}/sign-in`)).text();
		const asset = /(?:href|src)="\.?\.?(\/_app\/immutable\/[^"]+)"/.exec(html)![1]!;
		for (const path of ['/sign-in', '/healthz', asset, '/favicon.svg']) {
			const response = await fetch(server.url + path);
			expect(response.headers.get('strict-transport-security'), path).toBe('max-age=31536000; includeSubDomains');
			expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
		}
	});
});
