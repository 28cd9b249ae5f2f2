import { NodeApiError } from 'n8n-workflow';

import { json, TEST_TOKEN } from '../helpers/context';
import { runChatwoot, sendParameters } from '../helpers/run';
import { findSecret } from '../helpers/secrets';

describe('the token never appears in errors, outputs or logs', () => {
	it('the leak finder sees secrets in error messages, non-enumerable fields, causes and buffers', () => {
		const error = new Error('boom');
		Object.defineProperty(error, 'hidden', {
			value: { headers: { 'Api-Access-Token': TEST_TOKEN } },
			enumerable: false,
		});
		expect(findSecret(TEST_TOKEN, { error })).toBe('$.error.hidden.headers.Api-Access-Token');
		expect(
			findSecret(TEST_TOKEN, new Error('x', { cause: { config: { token: TEST_TOKEN } } })),
		).toBe('$.cause.config.token');
		expect(findSecret(TEST_TOKEN, { body: Buffer.from(`a${TEST_TOKEN}b`) })).toBe('$.body');
		expect(
			findSecret(TEST_TOKEN, { safe: 'nothing here', error: new Error('still nothing') }),
		).toBeUndefined();
	});

	it('every run is checked: a node that leaked the token would fail the test', async () => {
		await expect(
			runChatwoot({
				parameters: sendParameters(),
				http: () => json({ id: 1, echoed: `token ${TEST_TOKEN}` }),
			}),
		).rejects.toThrow('The access token leaked into $.output.0.json.echoed');
	});

	const failures: Array<[string, () => never | ReturnType<typeof json>]> = [
		[
			'a network error whose request config holds the token',
			() => {
				throw Object.assign(new Error(`connect ECONNREFUSED (token ${TEST_TOKEN})`), {
					code: 'ECONNREFUSED',
					config: { headers: { 'Api-Access-Token': TEST_TOKEN } },
				});
			},
		],
		['a 401 body', () => json({ error: 'Invalid Access Token' }, 401)],
		['a 500 text body', () => json('Internal Server Error', 500)],
		[
			'a TLS failure',
			() => {
				throw Object.assign(new Error('self signed certificate'), {
					code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
					options: { headers: { 'Api-Access-Token': TEST_TOKEN } },
				});
			},
		],
	];

	it.each(failures)('%s produces an error without the token', async (_name, http) => {
		const run = await runChatwoot({
			parameters: sendParameters({ options: { retryAttempts: 1 } }),
			http,
		});
		expect(run.error).toBeInstanceOf(NodeApiError);
		expect(findSecret(TEST_TOKEN, run.error)).toBeUndefined();
	});
});
