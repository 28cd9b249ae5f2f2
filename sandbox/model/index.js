// @ts-check
'use strict';

/**
 * Model sandbox: a tiny, deterministic stand-in for an OpenAI-compatible chat model, so workflows with
 * n8n's AI Agent run with no real model (tests, `npm start`). It speaks the Chat Completions API
 * (`POST /v1/chat/completions`, plain and streamed) and `GET /v1/models` (the credential test).
 *
 * One rule decides every answer, so a test knows it in advance:
 *  - the request offers tools and no tool has answered since the last user message: call ONE tool (the
 *    first whose name says reply/send/message, else the first), every string argument set to
 *    replyFor(<last user message>);
 *  - a tool has answered since the last user message: a final text, finalAnswerFor(<that reply>);
 *  - no tools: the final text replyFor(<last user message>).
 * See sandbox/model/README.md.
 */

const http = require('http');

const API_KEY = 'sandbox-model-key';
const MODEL_ID = 'sandbox-model';
const REPLY_TOOL = /reply|send|message/i;

/**
 * @typedef {{ role: string, content?: unknown, tool_calls?: unknown[], tool_call_id?: string }} ChatMessage
 * @typedef {{ type?: string, function?: { name: string, description?: string, parameters?: { properties?: Record<string, { type?: string | string[] }>, required?: string[] } } }} ChatTool
 * @typedef {{ kind: 'tool_call', tool: string, arguments: Record<string, unknown> } | { kind: 'text', content: string }} Answer
 * @typedef {{ seq: number, at: number, method: string, path: string, status: number, model?: string, stream?: boolean, userText?: string, tools?: string[], toolResults?: string[], answer?: Answer }} ModelRequest
 * @typedef {{ port?: number, host?: string, apiKey?: string }} ModelOptions
 * @typedef {Awaited<ReturnType<typeof startModel>>} ModelSandbox
 */

/** What the stand-in answers a customer who wrote `text`. */
function replyFor(text) {
	return `Thanks for your message! You wrote: "${text}"`;
}

/** The agent's final text after its reply tool ran with `reply`. */
function finalAnswerFor(reply) {
	return `I answered the customer: ${reply}`;
}

/** A message's text: Chat Completions content is a string or a list of parts. @param {unknown} content */
function textOf(content) {
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content
			.map((part) => (part && typeof part === 'object' && 'text' in part ? String(part.text) : ''))
			.join('');
	return '';
}

/** The tool the stand-in calls, or undefined. @param {ChatTool[]} tools */
function pickTool(tools) {
	const functions = tools.filter((t) => t && t.function && t.function.name);
	return functions.find((t) => REPLY_TOOL.test(String(t.function?.name))) || functions[0];
}

/** Arguments for every parameter of the tool's JSON schema. @param {ChatTool} tool @param {string} reply */
function argumentsFor(tool, reply) {
	const properties = (tool.function && tool.function.parameters?.properties) || {};
	/** @type {Record<string, unknown>} */
	const args = {};
	for (const [name, schema] of Object.entries(properties)) {
		const types = [schema && schema.type].flat();
		if (types.includes('string') || types.length === 0 || types[0] === undefined)
			args[name] = reply;
		else if (types.includes('number') || types.includes('integer')) args[name] = 0;
		else if (types.includes('boolean')) args[name] = false;
		else if (types.includes('array')) args[name] = [];
		else args[name] = {};
	}
	return args;
}

/**
 * The answer to one chat-completions request (see the rule at the top).
 * @param {{ messages?: ChatMessage[], tools?: ChatTool[] }} body
 * @returns {{ userText: string, toolResults: string[], answer: Answer }}
 */
function decideTurn(body) {
	const messages = Array.isArray(body.messages) ? body.messages : [];
	let lastUser = -1;
	messages.forEach((m, i) => {
		if (m && (m.role === 'user' || m.role === 'human')) lastUser = i;
	});
	const userText = lastUser >= 0 ? textOf(messages[lastUser].content).trim() : '';
	const reply = replyFor(userText);
	const toolResults = messages
		.slice(lastUser + 1)
		.filter((m) => m && m.role === 'tool')
		.map((m) => textOf(m.content));
	if (toolResults.length > 0)
		return { userText, toolResults, answer: { kind: 'text', content: finalAnswerFor(reply) } };
	const tool = pickTool(Array.isArray(body.tools) ? body.tools : []);
	if (tool && tool.function)
		return {
			userText,
			toolResults,
			answer: { kind: 'tool_call', tool: tool.function.name, arguments: argumentsFor(tool, reply) },
		};
	return { userText, toolResults, answer: { kind: 'text', content: reply } };
}

/** The assistant message of an answer, as OpenAI writes it. @param {Answer} answer @param {number} seq */
function assistantMessage(answer, seq) {
	if (answer.kind === 'text') return { role: 'assistant', content: answer.content };
	return {
		role: 'assistant',
		content: null,
		tool_calls: [
			{
				id: `call_sandbox_${seq}`,
				type: 'function',
				function: { name: answer.tool, arguments: JSON.stringify(answer.arguments) },
			},
		],
	};
}

/** @param {import('http').ServerResponse} res @param {number} status @param {unknown} body */
function sendJson(res, status, body) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
	});
	res.end(text);
}

/** OpenAI's error body. @param {string} message @param {string} type @param {string | null} code */
function openAiError(message, type, code) {
	return { error: { message, type, param: null, code } };
}

/**
 * Start the model sandbox on `host:port` (port 0: a free one).
 * @param {ModelOptions} [options]
 */
async function startModel({ port = 0, host = '127.0.0.1', apiKey = API_KEY } = {}) {
	/** @type {ModelRequest[]} */
	const requests = [];
	let seq = 0;

	/** @param {import('http').IncomingMessage} req @param {import('http').ServerResponse} res @param {Buffer} raw */
	function handle(req, res, raw) {
		const path = String(req.url || '/').split('?')[0];
		/** @type {ModelRequest} */
		const record = { seq: ++seq, at: Date.now(), method: String(req.method), path, status: 200 };
		requests.push(record);
		const fail = (
			/** @type {number} */ status,
			/** @type {ReturnType<typeof openAiError>} */ body,
		) => {
			record.status = status;
			sendJson(res, status, body);
		};

		if (req.headers.authorization !== `Bearer ${apiKey}`)
			return fail(
				401,
				openAiError('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'),
			);
		if (req.method === 'GET' && path === '/v1/models')
			return sendJson(res, 200, {
				object: 'list',
				data: [{ id: MODEL_ID, object: 'model', created: 1767225600, owned_by: 'sandbox' }],
			});
		if (req.method === 'POST' && path === '/v1/responses')
			return fail(
				404,
				openAiError(
					'The sandbox model speaks Chat Completions only: turn off "Use Responses API" on the OpenAI Chat Model node.',
					'invalid_request_error',
					'unknown_url',
				),
			);
		if (req.method !== 'POST' || path !== '/v1/chat/completions')
			return fail(
				404,
				openAiError(
					`Unknown request URL: ${req.method} ${path}`,
					'invalid_request_error',
					'unknown_url',
				),
			);

		/** @type {any} */
		let body;
		try {
			body = JSON.parse(raw.toString('utf8'));
		} catch {
			return fail(400, openAiError('The body is not valid JSON.', 'invalid_request_error', null));
		}
		const { userText, toolResults, answer } = decideTurn(body);
		Object.assign(record, {
			model: body.model,
			stream: body.stream === true,
			userText,
			toolResults,
			tools: (Array.isArray(body.tools) ? body.tools : []).map(
				(/** @type {ChatTool} */ t) => t.function?.name,
			),
			answer,
		});
		const message = assistantMessage(answer, record.seq);
		const finishReason = answer.kind === 'tool_call' ? 'tool_calls' : 'stop';
		const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
		const base = {
			id: `chatcmpl-sandbox-${record.seq}`,
			created: Math.floor(record.at / 1000),
			model: body.model || MODEL_ID,
		};

		if (body.stream !== true)
			return sendJson(res, 200, {
				...base,
				object: 'chat.completion',
				choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
				usage,
			});

		// streamed: the whole answer in one delta, then the finish reason (and usage when asked)
		res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
		const chunk = (/** @type {unknown} */ data) => res.write(`data: ${JSON.stringify(data)}\n\n`);
		const delta = message.tool_calls
			? {
					role: 'assistant',
					content: null,
					tool_calls: message.tool_calls.map((c, index) => ({ index, ...c })),
				}
			: message;
		chunk({
			...base,
			object: 'chat.completion.chunk',
			choices: [{ index: 0, delta, finish_reason: null }],
		});
		chunk({
			...base,
			object: 'chat.completion.chunk',
			choices: [{ index: 0, delta: {}, finish_reason: finishReason }],
		});
		if (body.stream_options && body.stream_options.include_usage)
			chunk({ ...base, object: 'chat.completion.chunk', choices: [], usage });
		res.end('data: [DONE]\n\n');
	}

	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => handle(req, res, Buffer.concat(chunks)));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve(undefined));
	});
	const address = /** @type {import('net').AddressInfo} */ (server.address());
	const baseUrl = `http://${host}:${address.port}`;

	return {
		/** The credential's Base URL (OpenAI credential → Base URL). */
		url: `${baseUrl}/v1`,
		baseUrl,
		port: address.port,
		apiKey,
		model: MODEL_ID,
		/** Every request, in order (live). */
		requests,
		/** The chat-completions requests answered (live view). */
		completions() {
			return requests.filter((r) => r.path === '/v1/chat/completions' && r.status === 200);
		},
		reset() {
			requests.length = 0;
		},
		close() {
			return new Promise((resolve) => {
				server.close(() => resolve(undefined));
				server.closeAllConnections();
			});
		},
	};
}

module.exports = { startModel, decideTurn, replyFor, finalAnswerFor, API_KEY, MODEL_ID };
