import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldError } from '../../../shared/fieldError';
import { asNodeError } from '../../../shared/nodeError';
import { readId } from '../../../shared/ids';
import {
	checkOneItem,
	checkOwnStep,
	readOtherReply,
	readApprovalChoices,
	waitAndWatch,
} from '../../../shared/sendAndWait';
import { readDeadline } from '../../../shared/waitLimit';
import { deleteWebhook } from '../../../ChatwootTrigger/helpers/webhookApi';
import { readMessageDraft, type MessageOptions } from '../../composer/readMessage';
import { checkReplyWindow } from '../../composer/replyWindow';
import { sendMessage } from '../../composer/sendMessage';
import { chatwootApiRequest, CREDENTIAL_TYPE } from '../../transport';
import type { OperationExecute } from '../operation.types';
import { registerReplyWebhook, sweepEndedWaits, webhookName } from './sendAndWait.registration';
import { timeoutItem, type Choice, type ResponseKind, type WaitState } from './sendAndWait.reply';

/** The options the reply is matched against; Approval adds its two to the message itself. */
function readChoices(
	this: IExecuteFunctions,
	itemIndex: number,
	kind: ResponseKind,
	payload: IDataObject,
): Choice[] {
	const node = this.getNode();
	if (kind === 'freeText') return [];
	if (kind === 'approval') {
		if (
			(payload.content_type !== undefined && payload.content_type !== 'text') ||
			payload.template_params !== undefined
		)
			throw fieldError(
				node,
				itemIndex,
				'Content Type',
				'Approval adds its own Approve and Decline options: choose Text',
			);
		const choices = readApprovalChoices.call(this, itemIndex);
		payload.content_type = 'input_select';
		payload.content_attributes = {
			items: choices.map((choice) => ({ title: choice.title, value: choice.id })),
		};
		return choices;
	}
	const items = (payload.content_attributes as IDataObject | undefined)?.items;
	if (payload.content_type !== 'input_select' || !Array.isArray(items) || items.length === 0)
		throw fieldError(
			node,
			itemIndex,
			'Content Type',
			'Choice waits for one of the options of the message: choose Options and add them',
		);
	return (items as IDataObject[]).map((item) => ({
		id: String(item.value ?? item.title ?? ''),
		title: String(item.title ?? item.value ?? ''),
	}));
}

/** The message must reach the customer: a private note or an imported incoming message cannot be answered. */
function checkAnswerable(this: IExecuteFunctions, itemIndex: number, payload: IDataObject): void {
	if (payload.private === true)
		throw fieldError(
			this.getNode(),
			itemIndex,
			'Private Note',
			'a private note never reaches the customer, so no reply can come',
		);
	if (payload.message_type === 'incoming')
		throw fieldError(
			this.getNode(),
			itemIndex,
			'Message Type',
			'the customer must receive the message: choose Outgoing',
		);
}

/** Message → Send and Wait for Reply: checks, registers the reply webhook, sends, then waits. */
export const sendAndWait: OperationExecute = async function (itemIndex, context) {
	const { connection } = context;
	const node = this.getNode();
	checkOwnStep.call(this, itemIndex);
	checkOneItem.call(this, itemIndex);
	const conversationId = readId.call(this, itemIndex, 'conversationId', 'Conversation', connection);
	const kind = this.getNodeParameter('responseKind', itemIndex) as ResponseKind;
	const options = this.getNodeParameter('options', itemIndex, {}) as MessageOptions;
	const draft = await readMessageDraft.call(this, itemIndex, options, context);
	checkAnswerable.call(this, itemIndex, draft.payload);
	const choices = readChoices.call(this, itemIndex, kind, draft.payload);
	const until = readDeadline.call(this, itemIndex, Date.now());
	const resumeUrl = String(this.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex));
	await checkReplyWindow.call(
		this,
		itemIndex,
		context,
		conversationId,
		draft.payload,
		options.checkReplyWindow !== false,
	);

	const conversation = await chatwootApiRequest.call(this, connection, {
		method: 'GET',
		path: `conversations/${conversationId}`,
		subject: `conversation ${conversationId} in account ${connection.accountId}`,
		itemIndex,
	});
	const inboxId = Number(conversation.inbox_id);
	await sweepEndedWaits.call(this, connection, Date.now());
	// Registered before sending: a customer who answers at once must not be missed.
	const webhook = await registerReplyWebhook.call(
		this,
		connection,
		resumeUrl,
		webhookName(this.getExecutionId(), conversationId, until),
		Number.isSafeInteger(inboxId) && inboxId > 0 ? inboxId : undefined,
	);
	let sent: IDataObject;
	try {
		sent = await sendMessage.call(this, connection, conversationId, draft, itemIndex);
	} catch (error) {
		await deleteWebhook.call(this, connection, webhook.id);
		throw asNodeError(node, error, itemIndex);
	}

	const state: WaitState = {
		accountId: connection.accountId,
		conversationId,
		webhookId: webhook.id,
		responseKind: kind,
		choices,
		...readOtherReply.call(this, itemIndex, kind),
		until: until.toISOString(),
	};
	const waiting = timeoutItem(state, sent);
	await waitAndWatch.call(this, itemIndex, waiting, {
		resumeUrl,
		webhookId: String(webhook.id),
		until,
		credentialType: CREDENTIAL_TYPE,
		authentication: connection.authentication,
		deleteWebhook: async () => await deleteWebhook.call(this, connection, webhook.id),
	});
	return waiting;
};
