import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../../../shared/nodeError';
import { recordOf } from '../../helpers/graphList';
import { readPhoneNumberId } from '../../helpers/phoneNumberId';
import { readPathId } from '../../helpers/records';
import { kapsoApiRequest, type KapsoConnection } from '../../transport';
import { CONVERSATION_ID_EXAMPLE } from './fields';

/**
 * One conversation of the WhatsApp API. Where it lives is UNCONFIRMED: Kapso's SDK uses
 * `/conversations/{id}`, Kapso's own reference `/{phone_number_id}/conversations/{id}`. The first is
 * tried; a 404 there (nothing was read or changed) tries the second, and only a 404 on both is
 * "not found". Used by Get and Set Status (the item's Phone Number and Conversation ID), so both
 * follow the same rule.
 */
export async function conversationRequest(
	this: IExecuteFunctions,
	connection: KapsoConnection,
	itemIndex: number,
	method: IHttpRequestMethods,
	body?: IDataObject,
): Promise<{ conversationId: string; record: IDataObject }> {
	const request = {
		method,
		body,
		itemIndex,
		phoneNumberId: readPhoneNumberId.call(this, itemIndex),
		conversationId: readPathId.call(
			this,
			itemIndex,
			'conversationId',
			'Conversation ID',
			CONVERSATION_ID_EXAMPLE,
		),
	};
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
	let answer: IDataObject;
	try {
		answer = await send(`/conversations/${id}`);
	} catch (error) {
		if (!(error instanceof NodeApiError) || error.httpCode !== '404')
			throw asNodeError(this.getNode(), error, request.itemIndex);
		answer = await send(`/${request.phoneNumberId}/conversations/${id}`);
	}
	return { conversationId: request.conversationId, record: recordOf(answer) };
}
