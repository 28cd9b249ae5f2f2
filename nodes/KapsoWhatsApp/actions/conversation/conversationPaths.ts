import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../../../shared/nodeError';
import { recordOf } from '../../helpers/graphList';
import { kapsoApiRequest, type KapsoConnection } from '../../transport';

/**
 * One conversation of the WhatsApp API. Where it lives is UNCONFIRMED: Kapso's SDK uses
 * `/conversations/{id}`, Kapso's own reference `/{phone_number_id}/conversations/{id}`. The first is
 * tried; a 404 there (nothing was read or changed) tries the second, and only a 404 on both is
 * "not found". Used by Get and Set Status, so both follow the same rule.
 */
export async function conversationRequest(
	this: IExecuteFunctions,
	connection: KapsoConnection,
	request: {
		method: IHttpRequestMethods;
		phoneNumberId: string;
		conversationId: string;
		body?: IDataObject;
		itemIndex: number;
	},
): Promise<IDataObject> {
	const id = encodeURIComponent(request.conversationId);
	const send = async (path: string) =>
		await kapsoApiRequest.call(this, connection, {
			api: 'whatsapp',
			method: request.method,
			path,
			body: request.body,
			subject: `conversation ${request.conversationId} of phone number ${request.phoneNumberId}`,
			itemIndex: request.itemIndex,
		});
	let first: IDataObject;
	try {
		first = await send(`/conversations/${id}`);
	} catch (error) {
		if (!(error instanceof NodeApiError) || error.httpCode !== '404')
			throw asNodeError(this.getNode(), error, request.itemIndex);
		return recordOf(await send(`/${request.phoneNumberId}/conversations/${id}`));
	}
	return recordOf(first);
}
