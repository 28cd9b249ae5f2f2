/**
 * Loaded into n8n with `BENCH_N8N_NODE_OPTIONS="--require <this file>"` (with BENCH_TRACE_OUT=<file>):
 * records, for every HTTP request n8n's process sends, when it was created, connected, written and
 * answered, and the [start, end] of every n8n expression evaluation. Written to BENCH_TRACE_OUT when
 * the process exits; `node scripts/bench/trace-report.js <file>` reads it. Changes nothing it sees.
 */
'use strict';

const fs = require('fs');
const http = require('http');
const Module = require('module');

const now = () => Number(process.hrtime.bigint()) / 1e6;
/** @type {Array<{ created: number, connected?: number, written?: number, answered?: number, ended?: number }>} */
const requests = [];
/** @type {Array<[number, number]>} */
const evaluations = [];

const request = http.request;
/** @type {typeof http.request} */
const traced = function (/** @type {any[]} */ ...args) {
	const req = /** @type {http.ClientRequest} */ (Reflect.apply(request, http, args));
	const entry = { created: now() };
	requests.push(entry);
	req.on('socket', (socket) =>
		socket.once('connect', () => Object.assign(entry, { connected: now() })),
	);
	req.on('finish', () => Object.assign(entry, { written: now() }));
	req.on('response', (res) => {
		Object.assign(entry, { answered: now() });
		res.on('end', () => Object.assign(entry, { ended: now() }));
	});
	return req;
};
http.request = traced;

// n8n-workflow's Expression: every parameter value with an expression goes through this method.
const load = /** @type {any} */ (Module)._load;
/** @type {any} */ (Module)._load = function (
	/** @type {string} */ name,
	/** @type {any[]} */ ...rest
) {
	const result = load.call(this, name, ...rest);
	const prototype = name === 'n8n-workflow' && result?.Expression?.prototype;
	if (prototype && !prototype.benchTraced) {
		const resolve = prototype.resolveSimpleParameterValue;
		prototype.resolveSimpleParameterValue = function (/** @type {any[]} */ ...args) {
			const start = now();
			try {
				return resolve.apply(this, args);
			} finally {
				evaluations.push([start, now()]);
			}
		};
		prototype.benchTraced = true;
	}
	return result;
};

process.on('exit', () => {
	if (process.env.BENCH_TRACE_OUT)
		fs.writeFileSync(process.env.BENCH_TRACE_OUT, JSON.stringify({ requests, evaluations }));
});
