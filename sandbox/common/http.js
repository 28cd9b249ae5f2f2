// @ts-check
/// <reference path="../chatwoot/modules.d.ts" />
'use strict';

/** What every API double needs from HTTP: a listening server it can close at once, and multipart bodies. */

const http = require('http');
const Busboy = require('busboy');

/**
 * @typedef {{field: string, filename: string, mimeType: string, size: number, data: Buffer}} MultipartFile
 */

/**
 * Starts a server on `host:port` (0 = any free port) whose handler failures become `internalError`
 * answers; `close()` drops open keep-alive sockets so tests end at once.
 * @param {(req: http.IncomingMessage, res: http.ServerResponse) => Promise<unknown>} onRequest
 * @param {{port?: number, host: string}} where
 * @param {(res: http.ServerResponse, error: unknown) => void} internalError
 * @returns {Promise<{server: http.Server, url: string, close: () => Promise<void>}>}
 */
async function listen(onRequest, where, internalError) {
	/** @type {Set<import('net').Socket>} */
	const sockets = new Set();
	const server = http.createServer((req, res) => {
		onRequest(req, res).catch((e) => {
			try {
				internalError(res, e);
			} catch {
				/* the socket is gone */
			}
		});
	});
	server.keepAliveTimeout = 5000;
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(where.port ?? 0, where.host, () => resolve(undefined));
	});
	const addr = /** @type {import('net').AddressInfo} */ (server.address());
	const url = `http://${where.host.includes(':') ? `[${where.host}]` : where.host}:${addr.port}`;
	const close = () =>
		new Promise((resolve) => {
			for (const s of sockets) s.destroy();
			server.close(() => resolve(undefined));
		}).then(() => undefined);
	return { server, url, close };
}

/**
 * A multipart body's fields (in order, repeats kept) and files (with their bytes).
 * @param {Buffer} buf @param {string} contentType @param {Record<string, number>} limits Busboy's limits
 * @returns {Promise<{pairs: Array<[string, string]>, files: MultipartFile[]}>}
 */
function parseMultipart(buf, contentType, limits) {
	return new Promise((resolve, reject) => {
		/** @type {Array<[string, string]>} */
		const pairs = [];
		/** @type {MultipartFile[]} */
		const files = [];
		let bb;
		try {
			bb = Busboy({ headers: { 'content-type': contentType }, limits, defParamCharset: 'utf8' });
		} catch (e) {
			reject(e);
			return;
		}
		bb.on('field', (/** @type {string} */ name, /** @type {string} */ val) =>
			pairs.push([name, val]),
		);
		bb.on(
			'file',
			(
				/** @type {string} */ name,
				/** @type {import('stream').Readable} */ stream,
				/** @type {{filename: string, mimeType: string}} */ info,
			) => {
				/** @type {Buffer[]} */
				const chunks = [];
				stream.on('data', (/** @type {Buffer} */ c) => chunks.push(c));
				stream.on('end', () => {
					const data = Buffer.concat(chunks);
					files.push({
						field: name,
						filename: info.filename || '',
						mimeType: info.mimeType || 'application/octet-stream',
						size: data.length,
						data,
					});
				});
			},
		);
		bb.on('error', reject);
		bb.on('close', () => resolve({ pairs, files }));
		bb.end(buf);
	});
}

module.exports = { listen, parseMultipart };
