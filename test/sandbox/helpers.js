'use strict';
const fs = require('fs');
const path = require('path');
const { startSandbox } = require('../../sandbox/chatwoot');

const SPEC_PATH = path.resolve(__dirname, '..', '..', '..', 'shared', 'chatwoot', 'swagger.json');
const hasSpec = fs.existsSync(process.env.CHATWOOT_SPEC || SPEC_PATH);

async function boot(opts = {}) {
	const sb = await startSandbox({ quiet: true, ...opts });
	const A = `${sb.url}/api/v1/accounts/1`;
	/**
	 * @param {string} method
	 * @param {string} url absolute or relative to the account
	 * @param {{body?: any, token?: string|null, headers?: Record<string,string>, form?: FormData}} [o]
	 */
	async function call(method, url, o = {}) {
		const full = url.startsWith('http')
			? url
			: url.startsWith('/')
				? `${sb.url}${url}`
				: `${A}/${url}`;
		const headers = { ...(o.headers || {}) };
		const token = o.token === undefined ? sb.userToken : o.token;
		if (token !== null) headers['api_access_token'] = token;
		let body;
		if (o.form) body = o.form;
		else if (o.body !== undefined) {
			headers['content-type'] = 'application/json';
			body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
		}
		const res = await fetch(full, { method, headers, body });
		const text = await res.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: res.status, json, text, headers: res.headers };
	}
	/**
	 * Calls a /__sandbox/ control endpoint with an optional JSON body.
	 * @param {string} method @param {string} p the path after /__sandbox/ @param {any} [body]
	 * @returns {Promise<{status: number, json: any}>}
	 */
	async function control(method, p, body) {
		const res = await fetch(`${sb.url}/__sandbox/${p}`, {
			method,
			headers: body ? { 'content-type': 'application/json' } : {},
			body: body ? JSON.stringify(body) : undefined,
		});
		return { status: res.status, json: await res.json() };
	}
	const lastRequest = () => sb.requests[sb.requests.length - 1];
	const rules = () => sb.violations.map((v) => v.rule);
	return { sb, call, control, A, lastRequest, rules };
}

const specIt = hasSpec ? it : it.skip;
if (!hasSpec) {
	// eslint-disable-next-line no-console
	console.warn(
		`[sandbox tests] Chatwoot spec not found at ${SPEC_PATH}: spec-dependent tests are skipped`,
	);
}

module.exports = { boot, hasSpec, specIt, SPEC_PATH };
