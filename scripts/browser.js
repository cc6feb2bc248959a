// The browser for the browser tests, found before any test runs (`npm test`) and by
// playwright.config.ts. In order: CHROMIUM_PATH; a system Chromium (Debian's, on machines where
// Playwright cannot download its own); Playwright's own Chromium, downloaded when missing.
// When none can be had, `npm test` stops before its first test with the one command to run.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '..');

/**
 * @param {Record<string, string | undefined>} env
 * @param {(file: string) => boolean} exists
 * @returns {string | undefined}
 */
export function systemChromium(env = process.env, exists = fs.existsSync) {
	const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	return candidates.find((candidate) => Boolean(candidate && exists(candidate)));
}

/** Playwright's own Chromium, if it has been downloaded. @returns {Promise<string | undefined>} */
export async function playwrightChromium() {
	const { chromium } = await import('@playwright/test');
	const file = chromium.executablePath();
	return file && fs.existsSync(file) ? file : undefined;
}

/**
 * `playwright install chromium`, as the README's `npx playwright install chromium`; the download
 * is about 170 MB. False when it fails (no network, or a proxy that blocks it).
 * @param {Record<string, string | undefined>} env
 */
export function installPlaywrightChromium(env = process.env) {
	const cli = path.join(root, 'node_modules', '@playwright', 'test', 'cli.js');
	const result = spawnSync(process.execPath, [cli, 'install', 'chromium'], {
		cwd: root,
		env,
		stdio: ['ignore', 'inherit', 'inherit'],
		timeout: 15 * 60_000
	});
	return result.status === 0;
}

/**
 * @typedef {{ ok: true, browser: string, source: 'system' | 'playwright' | 'downloaded' }
 *   | { ok: false, command: string }} BrowserChoice
 * @param {{
 *   findSystem?: () => string | undefined,
 *   findPlaywright?: () => Promise<string | undefined>,
 *   install?: () => boolean,
 *   hasApt?: () => boolean
 * }} [how]
 * @returns {Promise<BrowserChoice>}
 */
export async function ensureBrowser(how = {}) {
	const {
		findSystem = () => systemChromium(),
		findPlaywright = playwrightChromium,
		install = () => installPlaywrightChromium(),
		hasApt = () => fs.existsSync('/usr/bin/apt-get')
	} = how;
	const system = findSystem();
	if (system) return { ok: true, browser: system, source: 'system' };
	const own = await findPlaywright();
	if (own) return { ok: true, browser: own, source: 'playwright' };
	console.log('  No Chromium found: downloading Playwright’s own (once, about 170 MB) …');
	const fetched = install() ? await findPlaywright() : undefined;
	if (fetched) return { ok: true, browser: fetched, source: 'downloaded' };
	// The download is blocked here; on Debian or Ubuntu the system's Chromium does the job.
	return {
		ok: false,
		command: hasApt() ? 'sudo apt-get install -y chromium' : 'npx playwright install chromium'
	};
}
