import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { readPhoneNumberId } from '../../helpers/phoneNumberId';
import { readPathId } from '../../helpers/records';
import { kapsoApiRequest, type KapsoConnection } from '../../transport';
import { MEDIA_ID_EXAMPLE } from './fields';

/**
 * A media id's endpoint, `/{media_id}?phone_number_id=`: with Kapso's API key the phone number
 * tells Kapso which WhatsApp account the media belongs to (NOTES §1).
 */
export async function mediaRequest(
	this: IExecuteFunctions,
	connection: KapsoConnection,
	itemIndex: number,
	method: IHttpRequestMethods,
): Promise<{ mediaId: string; phoneNumberId: string; answer: IDataObject }> {
	const phoneNumberId = readPhoneNumberId.call(this, itemIndex);
	const mediaId = readPathId.call(this, itemIndex, 'mediaId', 'Media ID', MEDIA_ID_EXAMPLE);
	const answer = await kapsoApiRequest.call(this, connection, {
		api: 'whatsapp',
		method,
		path: `/${mediaId}`,
		qs: { phone_number_id: phoneNumberId },
		subject: `media ${mediaId} of phone number ${phoneNumberId}`,
		itemIndex,
	});
	return { mediaId, phoneNumberId, answer };
}
