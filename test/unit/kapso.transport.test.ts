import { NodeApiError } from 'n8n-workflow';

import { json, type SentRequest } from '../helpers/context';
import { KAPSO_KEY, kapsoSend, metaError, runKapso, sent } from '../helpers/kapso';

/** One send with fast retries; `answers` are given in turn, the last one repeated. */
async function sendWith(answers: Array<ReturnType<typeof json> | Error>, options = {}) {
	let call = 0;
	const run = await runKapso({
		parameters: kapsoSend({ options: { retryBackoffMs: 0, ...options } }),
		http: async (_request: SentRequest) => {
			const answer = answers[Math.min(call++, answers.length - 1)];
			if (answer instanceof Error) throw answer;
			return answer;
		},
	});
	return run;
}

const failure = (run: { error: unknown }) => {
	expect(run.error).toBeInstanceOf(NodeApiError);
	const error = run.error as NodeApiError;
	return { message: error.message, description: error.description, httpCode: error.httpCode };
};

describe('Kapso transport: what is retried (nothing is sent twice)', () => {
	it.each([
		['429 with Retry-After', json({ error: 'Rate limit exceeded' }, 429, { 'retry-after': '0' })],
		['503', json('<html>busy</html>', 503)],
		['Meta throttling 130429', metaError(130429, 'Rate limit hit')],
		['Meta throttling 131056', metaError(131056, 'Pair rate limit hit')],
		['Meta throttling 80007', metaError(80007, 'Rate limit issues')],
		['Meta throttling 4', metaError(4, 'Application request limit reached')],
		[
			'409 message in flight',
			json(
				{ error: 'Another message for this conversation is still being processed. Retry shortly.' },
				409,
			),
		],
	])('retries %s and then sends once', async (_name, refusal) => {
		const run = await sendWith([refusal, sent('wamid.OK')]);
		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(2);
		expect(run.output?.[0].json.messageId).toBe('wamid.OK');
	});

	it('gives up after Retry Attempts and says so', async () => {
		const run = await sendWith([metaError(130429, 'Rate limit hit')], { retryAttempts: 2 });
		expect(run.requests).toHaveLength(2);
		expect(failure(run)).toEqual({
			message: 'The rate limit stopped the request after 2 attempts: Rate limit hit [code 130429]',
			description:
				'WhatsApp’s rate limit refused the message. Lower "Parallel Recipients", raise the retry attempts, or spread the sends over time.',
			httpCode: '400',
		});
	});

	it('honours Retry-After in seconds', async () => {
		const started = Date.now();
		const run = await sendWith([
			json({ error: 'Rate limit exceeded' }, 429, { 'retry-after': '1' }),
			sent(),
		]);
		expect(run.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	it.each([
		['500', json({ error: 'Internal server error' }, 500)],
		['a reset after sending', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
		[
			'a timeout',
			Object.assign(new Error('timeout of 30000ms exceeded'), { code: 'ECONNABORTED' }),
		],
	])('never repeats a send after %s (it may have gone out)', async (_name, answer) => {
		const run = await sendWith([answer, sent()]);
		expect(run.requests).toHaveLength(1);
		expect(run.error).toBeInstanceOf(NodeApiError);
	});

	it('repeats a send the server never received (connection refused)', async () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
			code: 'ECONNREFUSED',
		});
		const run = await sendWith([refused, sent()]);
		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(2);
	});
});

describe('Kapso transport: Meta and Kapso errors mapped to what to do', () => {
	it('131047: outside the window → send a template', async () => {
		const run = await sendWith([
			metaError(
				131047,
				'Re-engagement message',
				400,
				'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
			),
		]);
		expect(failure(run)).toEqual({
			message:
				'The recipient is outside WhatsApp’s 24-hour window: send a template (Re-engagement message (Message failed to send because more than 24 hours have passed since the customer last replied to this number.) [code 131047])',
			description:
				'The customer last wrote more than 24 hours ago (or never), so WhatsApp only delivers an approved template. Send a template instead (Message Type → Template).',
			httpCode: '400',
		});
		expect(run.requests).toHaveLength(1);
	});

	it('132000: template mismatch, naming the parameter from Meta’s details', async () => {
		const run = await sendWith([
			metaError(
				132000,
				'Number of parameters does not match the expected number of params',
				400,
				'body: number of localizable_params (1) does not match the expected number of params (2)',
			),
		]);
		const { message, description } = failure(run);
		expect(message).toBe(
			'Kapso rejected the request: Number of parameters does not match the expected number of params (body: number of localizable_params (1) does not match the expected number of params (2)) [code 132000]',
		);
		expect(description).toBe('The number of variables sent does not match the template.');
	});

	it.each([
		[132001, 'The template does not exist in this language, or is not approved yet.'],
		[
			132012,
			'A variable has the wrong format for its place in the template (for example text where a currency or media is expected).',
		],
		[
			132003,
			'The parameters sent do not match the template: the details above name the component and parameter.',
		],
		[
			131026,
			'WhatsApp could not deliver the message: the number may not use WhatsApp, the person has not accepted WhatsApp’s latest terms, or uses an old app version. Check the number; sending again will not help.',
		],
		[
			131053,
			'WhatsApp could not use the media: check its address (reachable without login), type and size.',
		],
		[
			368,
			'The account is temporarily blocked for a policy violation. Check Meta Business Manager.',
		],
	])('code %s says what to do', async (code, description) => {
		const run = await sendWith([metaError(code, 'Meta says no')]);
		expect(failure(run).description).toBe(description);
		expect(run.requests).toHaveLength(1);
	});

	it.each([
		[
			metaError(190, 'Invalid OAuth access token - Cannot parse access token', 401),
			'Kapso rejected the API key: Invalid OAuth access token - Cannot parse access token [code 190]',
		],
		[metaError(0, 'AuthException', 400), 'Kapso rejected the API key: AuthException [code 0]'],
		[json({ error: 'Invalid API key' }, 401), 'Kapso rejected the API key: Invalid API key'],
	])('key problems (190, 0, 401) point to the credential (%#)', async (answer, message) => {
		const run = await sendWith([answer]);
		expect(failure(run).message).toBe(message);
		expect(failure(run).description).toContain('Check the API Key in the Kapso credential');
	});

	it('reads the legacy {error, message} body and a bare {error}', async () => {
		let run = await sendWith([
			json({ error: 'Validation failed', message: 'content is required' }, 422),
		]);
		expect(failure(run).message).toBe(
			'Kapso rejected the request: Validation failed: content is required',
		);
		run = await sendWith([json({ error: 'Not found' }, 404)]);
		expect(failure(run).message).toBe(
			'Kapso could not find phone number 100000000000001: Not found',
		);
	});

	it('scrubs the key from anything the server echoes', async () => {
		const run = await sendWith([json({ error: `X-API-Key: ${KAPSO_KEY} is not allowed` }, 400)]);
		expect(failure(run).message).toBe(
			'Kapso rejected the request: X-API-Key: [redacted] is not allowed',
		);
	});
});

describe('Kapso transport: hostile answers', () => {
	it('refuses a redirect without following it, and tells where it pointed', async () => {
		const run = await sendWith([json('', 301, { location: 'https://elsewhere.example/x?key=1' })]);
		expect(failure(run)).toMatchObject({
			message: 'Kapso answered 301 → https://elsewhere.example/x: redirects are not followed',
			httpCode: '301',
		});
		expect(run.requests).toHaveLength(1);
	});

	it('refuses a 2xx that is not JSON, saying the send may have gone out', async () => {
		const run = await sendWith([json('<html>portal</html>', 200)]);
		expect(failure(run).message).toBe(
			'The server did not answer like Kapso (HTTP 200 with an HTML page)',
		);
		expect(failure(run).description).toContain('may or may not have been carried out');
	});
});
