import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fieldError } from '../../../shared/fieldError';
import { asNodeError } from '../../../shared/nodeError';
import {
	APPROVE_ID,
	checkOneItem,
	checkOwnStep,
	readOtherReply,
	readApprovalChoices,
	waitAndWatch,
	type Choice,
} from '../../../shared/sendAndWait';
import { readDeadline } from '../../../shared/waitLimit';
import { deleteWebhook } from '../../../KapsoTrigger/transport/webhooks';
import { sendCloudMessage } from '../../composer/sendCloud';
import { CREDENTIAL_TYPE } from '../../transport';
import type { OperationContext } from '../operation.types';
import { prepareSend } from './send.execute';
import { registerReplyWebhook, sweepEndedWaits } from './sendAndWait.registration';
import { timeoutItem, type ResponseKind, type WaitState } from './sendAndWait.reply';

/** WhatsApp's limit for a reply button's title. */
const BUTTON_TITLE_MAX = 20;

const asObject = (value: unknown): IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: {};

/** The buttons or rows a reply is matched against; Approval turns the text into two buttons. */
function readChoices(
	this: IExecuteFunctions,
	itemIndex: number,
	kind: ResponseKind,
	body: IDataObject,
): Choice[] {
	const node = this.getNode();
	if (kind === 'freeText') return [];
	if (kind === 'approval') {
		if (body.type !== 'text')
			throw fieldError(
				node,
				itemIndex,
				'Message Type',
				'Approval adds its own Approve and Decline buttons to a text: choose Text',
			);
		const choices = readApprovalChoices.call(this, itemIndex);
		const tooLong = choices.find((choice) => [...choice.title].length > BUTTON_TITLE_MAX);
		if (tooLong)
			throw fieldError(
				node,
				itemIndex,
				tooLong.id === APPROVE_ID ? 'Approve Label' : 'Decline Label',
				`a button title has at most ${BUTTON_TITLE_MAX} characters`,
			);
		const text = asObject(body.text);
		delete body.text;
		body.type = 'interactive';
		body.interactive = {
			type: 'button',
			body: { text: text.body },
			action: { buttons: choices.map((reply) => ({ type: 'reply', reply })) },
		};
		return choices;
	}
	const interactive = asObject(body.interactive);
	const action = asObject(interactive.action);
	const rows =
		interactive.type === 'button'
			? (Array.isArray(action.buttons) ? action.buttons : []).map((b) =>
					asObject(asObject(b).reply),
				)
			: interactive.type === 'list'
				? (Array.isArray(action.sections) ? action.sections : []).flatMap((section) => {
						const sectionRows = asObject(section).rows;
						return Array.isArray(sectionRows) ? sectionRows.map(asObject) : [];
					})
				: [];
	if (body.type !== 'interactive' || rows.length === 0)
		throw fieldError(
			node,
			itemIndex,
			'Message Type',
			'Choice waits for a tap on a button or a list row: choose Reply Buttons or List',
		);
	return rows.map((row) => ({ id: String(row.id ?? ''), title: String(row.title ?? '') }));
}

/**
 * Message → Send and Wait for Reply, loaded on the first run: Send's message is read and checked,
 * the number's ended waits are swept, the reply webhook registered, the message sent, and the
 * execution put to wait with its state as the waiting node's input.
 */
export async function sendAndWait(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<IDataObject> {
	const { connection } = context;
	const node = this.getNode();
	checkOwnStep.call(this, itemIndex);
	checkOneItem.call(this, itemIndex);
	const kind = this.getNodeParameter('responseKind', itemIndex) as ResponseKind;
	const { phoneNumberId, recipient, body } = await prepareSend.call(this, itemIndex, context);
	const choices = readChoices.call(this, itemIndex, kind, body);
	const until = readDeadline.call(this, itemIndex, Date.now());
	const resumeUrl = String(this.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex));

	await sweepEndedWaits.call(this, connection, phoneNumberId, Date.now());
	// Registered before sending: a customer who answers at once must not be missed.
	const webhook = await registerReplyWebhook.call(
		this,
		connection,
		phoneNumberId,
		resumeUrl,
		this.getExecutionId(),
		until,
	);
	if (!webhook)
		throw new NodeOperationError(
			node,
			'Kapso created the reply webhook but did not return its id',
			{
				itemIndex,
				description:
					'Nothing was sent. A later run removes the webhook once its wait time is over.',
			},
		);
	let sent: IDataObject;
	try {
		sent = await sendCloudMessage.call(this, connection, phoneNumberId, body, itemIndex);
	} catch (error) {
		await deleteWebhook.call(this, connection, webhook.id);
		throw asNodeError(node, error, itemIndex);
	}

	const interactive = asObject(body.interactive);
	const state: WaitState = {
		phoneNumberId,
		recipient:
			recipient.kind === 'phone'
				? { kind: 'phone', id: recipient.digits }
				: { kind: 'bsuid', id: recipient.id },
		webhookId: webhook.id,
		responseKind: kind,
		choices,
		...readOtherReply.call(this, itemIndex, kind),
		interactive:
			kind === 'freeText' ? null : { type: interactive.type, action: interactive.action },
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
}
