import { defineConfig, devices } from '@playwright/test';
import { e2eTargets } from './tests/e2e/targets';
import { systemChromium } from './scripts/browser.js';

// CHROMIUM_PATH, else a system Chromium where one is installed (Debian's, on machines where
// Playwright cannot download its own), else Playwright's own build (npm test fetches it).
const executablePath = systemChromium();
const launchOptions = executablePath
	? {
			executablePath,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	: {};

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.spec.ts',
	forbidOnly: Boolean(process.env.CI),
	retries: process.env.CI ? 1 : 0,
	workers: 2,
	// Most tests take 5–20 s; axe runs and two browsers together pass 30 s on a loaded 2-core CI
	// machine. A limit, not a measure: no test asserts a time.
	timeout: 60_000,
	reporter: process.env.CI ? [['list']] : [['list']],
	globalSetup: './tests/e2e/global-setup.ts',
	use: {
		...devices['Desktop Chrome'],
		launchOptions,
		trace: 'on-first-retry',
		locale: 'nl-NL',
		timezoneId: 'Europe/Amsterdam'
	},
	// One project per database: every browser test runs against PGlite, and against PostgreSQL
	// when TEST_DATABASE_URL is set.
	projects: e2eTargets().map((target) => ({ name: target, use: { baseURL: undefined } }))
});
