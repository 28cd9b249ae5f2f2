#!/usr/bin/env node
// @ts-check
'use strict';

const { startSandbox } = require('./chatwoot');

async function main() {
	const port = Number(process.env.SANDBOX_PORT || 3001);
	const host = process.env.SANDBOX_HOST || '127.0.0.1';
	const sb = await startSandbox({ port, host, quiet: true, logWebhookFailures: true });
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
			`  Inspect     ${sb.url}/__sandbox/requests  /violations  /deliveries  /webhook-deliveries  /state`,
			`  Webhooks    sent for real; SafeFetch off (private addresses allowed), see sandbox/chatwoot/README.md`,
			'',
			'Press Ctrl-C to stop.',
		].join('\n'),
	);
	const stop = () => {
		sb.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
