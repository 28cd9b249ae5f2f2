'use strict';
/**
 * Preloaded into every n8n process the harness starts (NODE_OPTIONS=--require …/netguard.js).
 * Records (does not block) every DNS lookup / TCP connection to a host that is not loopback, one JSON line
 * per attempt, in $N8N_E2E_NETGUARD_FILE. Tests can assert that n8n and the nodes under test stayed on
 * 127.0.0.1 (home.outboundAttempts()).
 */
const dns = require('dns');
const fs = require('fs');
const net = require('net');

const file = process.env.N8N_E2E_NETGUARD_FILE;
const LOCAL = /^(localhost|127\.|::1$|\[::1\]|0\.0\.0\.0$|\/)/i;

function record(kind, host) {
	if (!file || !host || LOCAL.test(String(host))) return;
	const stack = (new Error().stack || '')
		.split('\n')
		.slice(3)
		.map((s) => s.trim())
		.filter((s) => !s.includes('node:') && !s.includes('netguard.js'))
		.slice(0, 6);
	try {
		fs.appendFileSync(
			file,
			JSON.stringify({ pid: process.pid, kind, host: String(host), stack }) + '\n',
		);
	} catch {
		/* never break the process under test */
	}
}

const origLookup = dns.lookup;
/** @this {unknown} @param {string} hostname @param {unknown[]} rest */
function recordedLookup(hostname, ...rest) {
	record('lookup', hostname);
	return Reflect.apply(origLookup, this, [hostname, ...rest]);
}
// dns.lookup has overloads (and __promisify__) that a plain wrapper does not repeat.
dns.lookup = /** @type {any} */ (recordedLookup);

const origConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
	const first = args[0];
	let host;
	if (Array.isArray(first)) host = first[0] && first[0].host;
	else if (first && typeof first === 'object')
		host = first.path ? undefined : first.host || 'localhost';
	else if (typeof first === 'number' || /^\d+$/.test(String(first)))
		host = typeof args[1] === 'string' ? args[1] : 'localhost';
	record('connect', host);
	return Reflect.apply(origConnect, this, args);
};
