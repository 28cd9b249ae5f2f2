/**
 * End-to-end tests inside a REAL n8n (installed by scripts/n8n/install.sh into a cache outside the checkout).
 * Run: node_modules/.bin/jest -c test/e2e/jest.config.js   (N8N_TARGET=1 for n8n 1.x)
 * Kept apart from the main jest config (which ignores test/e2e): slow, serial, needs the n8n install.
 */
const fs = require('fs');
const path = require('path');

// the repo's plain "tests: N passed, N failed" closing line (and $TEST_SUMMARY_FILE totals), when present
const summaryReporter = path.resolve(__dirname, '..', 'summary-reporter.js');

module.exports = {
	rootDir: __dirname,
	testEnvironment: 'node',
	testMatch: ['<rootDir>/**/*.e2e.test.js', '<rootDir>/**/*.e2e.test.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	transform: {
		'^.+\\.ts$': [
			'ts-jest',
			{ tsconfig: path.resolve(__dirname, '..', '..', 'tsconfig.json'), isolatedModules: true },
		],
	},
	// n8n start-up, CLI runs and native modules: one test file at a time, generous timeouts
	maxWorkers: 1,
	testTimeout: 10 * 60 * 1000,
	slowTestThreshold: 60,
	verbose: true,
	reporters: fs.existsSync(summaryReporter) ? ['default', summaryReporter] : ['default'],
};
