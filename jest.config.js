/** Unit and sandbox tests. End-to-end tests in real n8n have their own config (test/e2e). */
module.exports = {
	testEnvironment: 'node',
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
};
