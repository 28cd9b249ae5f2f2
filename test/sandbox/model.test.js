// @ts-check
/**
 * The model sandbox (sandbox/model) answers like an OpenAI-compatible chat model, deterministically:
 * a tool call with the reply while no tool has answered, then a final text; errors in OpenAI's shape.
 * The e2e test of the AI-agent example relies on exactly these answers.
 */
const { httpRequest } = require('../e2e/n8n-rest');
const { startModel, replyFor, finalAnswerFor, API_KEY, MODEL_ID } = require('../../sandbox/model');

/** @type {import('../../sandbox/model').ModelSandbox} */
let model;
beforeAll(async () => {
	model = await startModel();
});
afterAll(() => model.close());
beforeEach(() => model.reset());

/** One request to the model sandbox, with its API key unless told another. */
function call(method, path, body, key = API_KEY) {
	return httpRequest(method, `${model.baseUrl}${path}`, {
		body,
		headers: { authorization: `Bearer ${key}` },
	});
}

const replyTool = {
	type: 'function',
	function: {
		name: 'Reply_in_Chatwoot',
		description: 'Send a message',
		parameters: {
			type: 'object',
			properties: { reply: { type: 'string' }, count: { type: 'number' } },
			required: ['reply'],
		},
	},
};
const otherTool = { type: 'function', function: { name: 'Look_up_order', parameters: {} } };
const customer = { role: 'user', content: 'Where is my order?' };

test('a tools request: calls the reply tool with every string argument set to the reply', async () => {
	const res = await call('POST', '/v1/chat/completions', {
		model: MODEL_ID,
		messages: [{ role: 'system', content: 'You help.' }, customer],
		tools: [otherTool, replyTool],
	});
	expect(res.status).toBe(200);
	expect(res.json).toMatchObject({
		object: 'chat.completion',
		model: MODEL_ID,
		choices: [
			{
				index: 0,
				finish_reason: 'tool_calls',
				message: {
					role: 'assistant',
					content: null,
					tool_calls: [
						{
							id: 'call_sandbox_1',
							type: 'function',
							function: { name: 'Reply_in_Chatwoot' },
						},
					],
				},
			},
		],
	});
	expect(JSON.parse(res.json.choices[0].message.tool_calls[0].function.arguments)).toEqual({
		reply: 'Thanks for your message! You wrote: "Where is my order?"',
		count: 0,
	});
	expect(model.completions()).toMatchObject([
		{
			userText: 'Where is my order?',
			tools: ['Look_up_order', 'Reply_in_Chatwoot'],
			answer: { kind: 'tool_call', tool: 'Reply_in_Chatwoot' },
		},
	]);
});

test('after the tool answered: the final text, no further tool call', async () => {
	const res = await call('POST', '/v1/chat/completions', {
		model: MODEL_ID,
		messages: [
			customer,
			{ role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function' }] },
			{ role: 'tool', tool_call_id: 'c1', content: '[{"id": 7}]' },
		],
		tools: [replyTool],
	});
	expect(res.json.choices[0]).toMatchObject({
		finish_reason: 'stop',
		message: { role: 'assistant', content: finalAnswerFor(replyFor('Where is my order?')) },
	});
});

test('a new user message after an earlier tool round: a tool call again', async () => {
	const res = await call('POST', '/v1/chat/completions', {
		messages: [
			customer,
			{ role: 'tool', tool_call_id: 'c1', content: 'ok' },
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'And ' },
					{ type: 'text', text: 'now?' },
				],
			},
		],
		tools: [replyTool],
	});
	expect(res.json.choices[0].finish_reason).toBe('tool_calls');
	expect(model.completions()[0].userText).toBe('And now?');
});

test('no tools: the reply as text', async () => {
	const res = await call('POST', '/v1/chat/completions', { messages: [customer] });
	expect(res.json.choices[0].message).toEqual({
		role: 'assistant',
		content: replyFor('Where is my order?'),
	});
});

test('streamed: one delta with the tool call, the finish reason, usage when asked, [DONE]', async () => {
	const res = await call('POST', '/v1/chat/completions', {
		messages: [customer],
		tools: [replyTool],
		stream: true,
		stream_options: { include_usage: true },
	});
	expect(res.headers['content-type']).toBe('text/event-stream');
	const events = res.text
		.split('\n\n')
		.filter(Boolean)
		.map((e) => e.replace(/^data: /, ''));
	expect(events.pop()).toBe('[DONE]');
	const chunks = events.map((e) => JSON.parse(e));
	expect(
		chunks.map((c) => (c.choices.length ? c.choices[0].finish_reason : c.usage.total_tokens)),
	).toEqual([null, 'tool_calls', 20]);
	expect(chunks[0].choices[0].delta.tool_calls[0]).toMatchObject({
		index: 0,
		function: { name: 'Reply_in_Chatwoot' },
	});
});

test('GET /v1/models lists the one model (what the credential test reads)', async () => {
	const res = await call('GET', '/v1/models');
	expect(res.json).toEqual({
		object: 'list',
		data: [{ id: MODEL_ID, object: 'model', created: 1767225600, owned_by: 'sandbox' }],
	});
});

test('a wrong key: 401 in OpenAI’s error shape, nothing decided', async () => {
	const res = await call('POST', '/v1/chat/completions', { messages: [customer] }, 'sk-wrong');
	expect(res.status).toBe(401);
	expect(res.json).toEqual({
		error: {
			message: 'Incorrect API key provided.',
			type: 'invalid_request_error',
			param: null,
			code: 'invalid_api_key',
		},
	});
	expect(model.completions()).toEqual([]);
});

test('the Responses API: 404 saying to turn it off on the node', async () => {
	const res = await call('POST', '/v1/responses', { input: 'hi' });
	expect(res.status).toBe(404);
	expect(res.json.error.message).toBe(
		'The sandbox model speaks Chat Completions only: turn off "Use Responses API" on the OpenAI Chat Model node.',
	);
});

test('a body that is not JSON: 400', async () => {
	const res = await call('POST', '/v1/chat/completions', '{');
	expect(res.status).toBe(400);
});
