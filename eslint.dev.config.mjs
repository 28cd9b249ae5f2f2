// ESLint for the JavaScript half: the sandbox, scripts, JS tests and tool configs (the nodes have
// n8n's own config in eslint.config.mjs). `npm run lint:js`; the JSDoc types are checked by
// `tsc -p tsconfig.js.json` in `npm run typecheck`.
import js from '@eslint/js';
import globals from 'globals';

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
	{
		files: ['sandbox/**/*.js', 'scripts/**/*.js', 'test/**/*.js', '*.js'],
		...js.configs.recommended,
		languageOptions: {
			ecmaVersion: 2022,
			sourceType: 'commonjs',
			globals: { ...globals.node },
		},
		rules: {
			...js.configs.recommended.rules,
			// `catch {}` bodies say why they ignore the error.
			'no-empty': ['error', { allowEmptyCatch: true }],
			// `const { secret, ...rest } = x` is how a key is left out.
			'no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
			],
		},
	},
	{
		// Tests report through jest, not the console (a deliberate line says so with a disable comment).
		files: ['test/**/*.js'],
		languageOptions: { globals: { ...globals.node, ...globals.jest } },
		rules: { 'no-console': 'error' },
	},
	{
		files: ['eslint.dev.config.mjs'],
		...js.configs.recommended,
		languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
	},
];
