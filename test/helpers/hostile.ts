import http, { type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';

/**
 * Small local servers that misbehave on purpose: what a misconfigured proxy, a captive portal or a
 * hostile host does to a client. Each path is scripted; every request is recorded (with its
 * headers, so a test can tell which host received the token).
 */

export interface HostileRequest {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/** What the server does with one request, once the request body has been read. */
export type Behaviour = (
	request: HostileRequest,
	response: ServerResponse,
	raw: IncomingMessage,
) => void | Promise<void>;

export interface HostileServer {
	/** `http://127.0.0.1:<port>` */
	origin: string;
	requests: HostileRequest[];
	/** Scripts a path (exact pathname, or `*` for any other path). */
	on(path: string, behaviour: Behaviour): void;
	close(): Promise<void>;
}

export async function startHostile(routes: Record<string, Behaviour> = {}): Promise<HostileServer> {
	const table = new Map(Object.entries(routes));
	const requests: HostileRequest[] = [];
	const sockets = new Set<Socket>();
	const server = http.createServer(async (raw, response) => {
		const chunks: Buffer[] = [];
		for await (const chunk of raw) chunks.push(chunk as Buffer);
		const path = new URL(raw.url ?? '/', 'http://hostile.local').pathname;
		const request: HostileRequest = {
			method: raw.method ?? 'GET',
			path,
			headers: raw.headers,
			body: Buffer.concat(chunks).toString('utf8'),
		};
		requests.push(request);
		const behaviour = table.get(path) ?? table.get('*') ?? reply(404, { error: 'not scripted' });
		await behaviour(request, response, raw);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		requests,
		on: (path, behaviour) => void table.set(path, behaviour),
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** Answers with a status, a body (objects and arrays as JSON, strings as they are) and headers. */
export function reply(
	status: number,
	body: unknown = '',
	headers: Record<string, string> = {},
): Behaviour {
	return (_request, response) => {
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		const type = typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json';
		response.writeHead(status, { 'content-type': type, ...headers });
		response.end(text);
	};
}

/** A redirect to another address (another host:port, or a relative path). */
export function redirect(status: 301 | 302 | 303 | 307 | 308, location: string): Behaviour {
	return reply(status, '', { location });
}

/** A proxy or WAF that reflects the request headers (the token among them) into its error page. */
export function echoHeaders(status: number, { asJson = false } = {}): Behaviour {
	return (request, response) => {
		const dump = Object.entries(request.headers)
			.map(([name, value]) => `${name}: ${String(value)}`)
			.join('\n');
		if (asJson) {
			response.writeHead(status, { 'content-type': 'application/json' });
			response.end(
				JSON.stringify({ error: `Rejected request:\n${dump}`, headers: request.headers }),
			);
			return;
		}
		response.writeHead(status, { 'content-type': 'text/plain' });
		response.end(`Rejected request:\n${dump}`);
	};
}

/** A body of `bytes` characters (plain text, or as the `error` of a JSON object). */
export function bigBody(status: number, bytes: number, { asJson = false } = {}): Behaviour {
	const text = 'x'.repeat(bytes);
	return asJson
		? reply(status, { error: text })
		: reply(status, text, { 'content-type': 'text/plain' });
}

/** Reads the request and never answers. */
export function silence(): Behaviour {
	return () => undefined;
}

/** Reads the whole request, then drops the connection without a word. */
export function resetAfterRequest(): Behaviour {
	return (_request, response) => {
		response.socket?.destroy();
	};
}

/** Answers the first `times` requests with `first`, the others with `then`. */
export function sequence(first: Behaviour, times: number, then: Behaviour): Behaviour {
	let count = 0;
	return async (request, response, raw) =>
		await (count++ < times ? first : then)(request, response, raw);
}
