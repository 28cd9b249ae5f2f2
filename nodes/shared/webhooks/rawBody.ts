import type { IWebhookFunctions } from 'n8n-workflow';

/**
 * The request's bytes as they arrived, which a signature is computed over. n8n 2.x keeps them on
 * `rawBody`; where it has not read them yet, `readRawBody()` does (1.x and 2.x). Undefined when n8n
 * did not keep them: the caller refuses the delivery rather than check a re-serialised body.
 */
export async function rawBodyOf(context: IWebhookFunctions): Promise<Buffer | undefined> {
	const request = context.getRequestObject();
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function')
		await request.readRawBody();
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
}
