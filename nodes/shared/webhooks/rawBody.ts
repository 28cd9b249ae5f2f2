import type { IWebhookFunctions } from 'n8n-workflow';

/** A request's bytes as they arrived (signatures are over them); n8n reads them before the node runs (1.x and 2.x). */
export async function readRawBody(context: IWebhookFunctions): Promise<Buffer | undefined> {
	const request = context.getRequestObject();
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function')
		await request.readRawBody();
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
}
