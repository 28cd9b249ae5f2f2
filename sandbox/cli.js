#!/usr/bin/env node
// @ts-check
'use strict';

const { startSandbox } = require('./chatwoot');
const { startSandbox: startKapsoSandbox } = require('./kapso');

async function main() {
	const port = Number(process.env.SANDBOX_PORT || 3001);
	const host = process.env.SANDBOX_HOST || '127.0.0.1';
	const sb = await startSandbox({ port, host, quiet: true });
	const inboxes = sb.state.inboxes.map(
		(/** @type {any} */ i) =>
			`${i.id} ${i.name} (${i.channel_type}${i.provider ? `, ${i.provider}` : ''})`,
	);
	console.log(
		[
			'',
			'Chatwoot sandbox is running',
			`  Base URL    ${sb.url}`,
			`  User token  ${sb.userToken}`,
			`  Bot token   ${sb.botToken}`,
			`  Account ID  ${sb.accountId}`,
			`  Inboxes     ${inboxes.join('\n              ')}`,
			`  Spec        ${sb.specLoaded ? 'loaded (requests are validated)' : 'not found (NOTES rules only)'}`,
			`  Inspect     ${sb.url}/__sandbox/requests  /violations  /deliveries  /state`,
			'',
		].join('\n'),
	);
	const kapso = await startKapsoSandbox({
		port: Number(process.env.KAPSO_SANDBOX_PORT || 3002),
		host,
		quiet: true,
	});
	const numbers = kapso.state.phoneNumbers
		.filter((/** @type {any} */ p) => p.project_id === kapso.ids.project)
		.map(
			(/** @type {any} */ p) =>
				`${p.phone_number_id} ${p.name} (${p.display_phone_number}, WABA ${p.business_account_id})`,
		);
	console.log(
		[
			'Kapso sandbox is running (Meta proxy, Platform API and legacy API on one server)',
			`  Base URL    ${kapso.url}   (legacy API: ${kapso.url}/api/v1)`,
			`  API key     ${kapso.apiKey}   (another project: ${kapso.otherApiKey})`,
			`  Numbers     ${numbers.join('\n              ')}`,
			`  Inspect     ${kapso.url}/__sandbox/requests  /violations  /webhook-deliveries  /state`,
			'',
			'Press Ctrl-C to stop.',
		].join('\n'),
	);
	const stop = () => {
		Promise.all([sb.close(), kapso.close()]).then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
