/**
 * `npm test` on a fresh laptop: the browser comes first. A system Chromium is used as it is;
 * without one, Playwright's own is downloaded; where that download is blocked (as on our CI
 * machines), the run stops before any test with the one command to run.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBrowser, systemChromium } from '../../scripts/browser.js';
import { tempDir } from '../support/databases';

const root = path.resolve(import.meta.dirname, '..', '..');

/** ensureBrowser in a process of its own, with no system Chromium, as a laptop without one. */
function withoutSystemChromium(env: Record<string, string>): Promise<string> {
	const script =
		"const b = await import('./scripts/browser.js');" +
		'console.log(JSON.stringify(await b.ensureBrowser({ findSystem: () => undefined })));';
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
			cwd: root,
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'ignore']
		});
		let out = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.on('exit', () => resolve(out.trim().split('\n').at(-1) ?? ''));
	});
}

describe('npm test finds a browser before any test', () => {
	it('uses CHROMIUM_PATH or the system Chromium and downloads nothing', async () => {
		expect(systemChromium({ CHROMIUM_PATH: '/opt/chrome' }, (f) => f === '/opt/chrome')).toBe(
			'/opt/chrome'
		);
		expect(systemChromium({}, (f) => f === '/usr/bin/chromium')).toBe('/usr/bin/chromium');
		let installs = 0;
		const choice = await ensureBrowser({
			findSystem: () => '/usr/bin/chromium',
			install: () => (installs++, true)
		});
		expect(choice).toEqual({ ok: true, browser: '/usr/bin/chromium', source: 'system' });
		expect(installs).toBe(0);
	});

	it("downloads Playwright's Chromium when there is none, once", async () => {
		let downloaded = false;
		const choice = await ensureBrowser({
			findSystem: () => undefined,
			findPlaywright: async () => (downloaded ? '/home/me/.cache/ms-playwright/chrome' : undefined),
			install: () => (downloaded = true)
		});
		expect(choice).toEqual({
			ok: true,
			browser: '/home/me/.cache/ms-playwright/chrome',
			source: 'downloaded'
		});
	});

	it('names the one command to run when the download fails', async () => {
		const none = {
			findSystem: () => undefined,
			findPlaywright: async () => undefined,
			install: () => false
		};
		expect(await ensureBrowser({ ...none, hasApt: () => true })).toEqual({
			ok: false,
			command: 'sudo apt-get install -y chromium'
		});
		expect(await ensureBrowser({ ...none, hasApt: () => false })).toEqual({
			ok: false,
			command: 'npx playwright install chromium'
		});
	});

	it('falls back cleanly where the real download is blocked', async () => {
		const browsers = tempDir('hb-no-browsers');
		try {
			// An address where nothing answers: the download fails at once, as behind a firewall.
			const out = await withoutSystemChromium({
				PLAYWRIGHT_BROWSERS_PATH: browsers,
				PLAYWRIGHT_DOWNLOAD_HOST: 'http://127.0.0.1:9'
			});
			const choice = JSON.parse(out) as { ok: boolean; command?: string };
			expect(choice.ok).toBe(false);
			expect(choice.command).toMatch(
				/^(sudo apt-get install -y chromium|npx playwright install chromium)$/
			);
		} finally {
			fs.rmSync(browsers, { recursive: true, force: true });
		}
	});
});
