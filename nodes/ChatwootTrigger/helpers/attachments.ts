import type { IBinaryKeyData, IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { getConnection } from '../../Chatwoot/transport';
import type { AttachmentRef } from './payload';

const DOWNLOAD_TIMEOUT_MS = 30_000;

function fileNameOf(url: string, index: number): string {
	try {
		const last = new URL(url).pathname.split('/').filter(Boolean).pop();
		if (last) return decodeURIComponent(last);
	} catch {
		// fall through
	}
	return `attachment_${index}`;
}

/**
 * Downloads a message's attachments into binary fields (`<prefix>0`, `<prefix>1`…). Attachment
 * URLs are Chatwoot's signed file links, which need no token: they are fetched without the
 * credential, so the token never goes to the storage host they redirect to. A URL is fetched
 * only when the delivery was signed by Chatwoot or the URL is on the credential's Chatwoot host,
 * so a forged, unsigned event cannot make n8n fetch an address of its choosing.
 */
export async function downloadAttachments(
	context: IWebhookFunctions,
	attachments: AttachmentRef[],
	prefix: string,
	signed: boolean,
): Promise<{ binary: IBinaryKeyData; notes: IDataObject[] }> {
	const binary: IBinaryKeyData = {};
	const notes: IDataObject[] = [];
	const chatwootOrigin = new URL((await getConnection.call(context)).baseUrl).origin;
	for (const [index, attachment] of attachments.entries()) {
		const field = `${prefix}${index}`;
		let origin: string;
		try {
			origin = new URL(attachment.url).origin;
		} catch {
			notes.push({ url: attachment.url, error: 'not a URL' });
			continue;
		}
		if (!signed && origin !== chatwootOrigin) {
			notes.push({
				url: attachment.url,
				error: 'not downloaded: not on the Chatwoot host, and the delivery was not signed',
			});
			continue;
		}
		try {
			const response = (await context.helpers.httpRequest({
				method: 'GET',
				url: attachment.url,
				encoding: 'arraybuffer',
				returnFullResponse: true,
				timeout: DOWNLOAD_TIMEOUT_MS,
			})) as { body: Buffer; headers: Record<string, string | undefined> };
			const mimeType = String(response.headers['content-type'] ?? '').split(';')[0] || undefined;
			binary[field] = await context.helpers.prepareBinaryData(
				Buffer.from(response.body),
				fileNameOf(attachment.url, index),
				mimeType,
			);
		} catch (error) {
			notes.push({ url: attachment.url, error: `download failed: ${(error as Error).message}` });
		}
	}
	return { binary, notes };
}
