import type { IWebhookFunctions } from 'n8n-workflow';

import { rawBodyOf } from '../../nodes/shared/webhooks';

/** A webhook context whose request has `rawBody` now, or after `readRawBody()`. */
function contextWith(request: { rawBody?: unknown; readRawBody?: () => Promise<void> }) {
	return { getRequestObject: () => request } as unknown as IWebhookFunctions;
}

describe('rawBodyOf: the bytes a webhook signature is checked over', () => {
	it('returns the bytes n8n kept, without reading the request again', async () => {
		const readRawBody = jest.fn(async () => undefined);
		const bytes = Buffer.from('{"event":"message_created"}');
		expect(await rawBodyOf(contextWith({ rawBody: bytes, readRawBody }))).toBe(bytes);
		expect(readRawBody).not.toHaveBeenCalled();
	});

	it('reads them first when n8n has not yet (readRawBody), then returns them', async () => {
		const request: { rawBody?: Buffer; readRawBody: () => Promise<void> } = {
			readRawBody: jest.fn(async () => {
				request.rawBody = Buffer.from('late');
			}),
		};
		expect((await rawBodyOf(contextWith(request)))?.toString()).toBe('late');
		expect(request.readRawBody).toHaveBeenCalledTimes(1);
	});

	it('is undefined when n8n kept no bytes (a parsed object is not the raw body)', async () => {
		expect(await rawBodyOf(contextWith({}))).toBeUndefined();
		expect(await rawBodyOf(contextWith({ rawBody: { event: 'x' } }))).toBeUndefined();
		expect(
			await rawBodyOf(contextWith({ rawBody: 'text', readRawBody: async () => undefined })),
		).toBeUndefined();
	});
});
