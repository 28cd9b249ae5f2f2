import type { IBinaryKeyData, IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { downloadChatwootFile, getConnection } from '../../Chatwoot/transport';
import type { AttachmentRef } from './payload';

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
 * Downloads a message's attachments into binary fields (`<prefix>0`, `<prefix>1`…) through the
 * Chatwoot transport, which never lets the token leave the Chatwoot host. A URL is fetched
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
	const connection = await getConnection.call(context);
	const chatwootOrigin = new URL(connection.baseUrl).origin;
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
			const file = await downloadChatwootFile.call(context, connection, attachment.url);
			binary[field] = await context.helpers.prepareBinaryData(
				file.body,
				fileNameOf(attachment.url, index),
				file.mimeType,
			);
		} catch (error) {
			notes.push({ url: attachment.url, error: `download failed: ${(error as Error).message}` });
		}
	}
	return { binary, notes };
}
