import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { currentValue } from '../../shared/currentValue';
import { asNodeError } from '../../shared/nodeError';
import { fieldError } from '../../shared/fieldError';
import { readId, readOptionalId } from '../../shared/ids';
import { channelLabel, TEMPLATE_INBOXES, templateInboxKind } from '../helpers/channels';
import {
	chatwootApiRequest,
	chatwootMessage,
	getConnection,
	type ChatwootConnection,
} from '../transport';
import {
	findTemplate,
	inboxTemplates,
	templateMessageFromValues,
	type TemplateDefinition,
} from './templateDefinitions';
import { TEMPLATE_INBOX_FIELD, type InboxField } from './templateFields';
import type { TemplateMessage } from './templateParams';

/** Chatwoot's 401 for an endpoint agent bots may not call. */
function isRefusedForBots(error: unknown): boolean {
	return (
		error instanceof NodeApiError &&
		error.httpCode === '401' &&
		chatwootMessage(error.errorResponse) === BOT_REFUSAL
	);
}
const BOT_REFUSAL = 'Access to this endpoint is not authorized for bots';

/** What the node needs from the router to share lookups between items; optional for other callers. */
export interface TemplateLookupContext {
	connection: ChatwootConnection;
	memo<T>(key: string, load: (shared: ChatwootConnection) => Promise<T>): Promise<T>;
}

/** The conversation whose inbox sends the template when the Template Inbox is left empty. */
const CONVERSATION_FIELD: InboxField = { name: 'conversationId', label: 'Conversation' };

/** Reads a conversation or an inbox once per account, record and execution (the router's memo). */
type LookUp = (record: 'conversation' | 'inbox', id: number) => Promise<IDataObject>;

/**
 * The inbox whose templates an item uses: the operation's own inbox, else the Template Inbox, else
 * the conversation's inbox (read once per conversation and execution), with the field to blame.
 */
async function templateInboxOf(
	this: IExecuteFunctions,
	itemIndex: number,
	inboxField: InboxField,
	connection: ChatwootConnection,
	lookUp: LookUp,
): Promise<{ inboxId: number; field: InboxField; via?: string }> {
	// `via` tells an error that the inbox came from the conversation: "conversation 5 is in "…
	if (inboxField !== TEMPLATE_INBOX_FIELD)
		return {
			inboxId: readId.call(this, itemIndex, inboxField.name, inboxField.label, connection),
			field: inboxField,
		};
	const chosen = readOptionalId.call(
		this,
		itemIndex,
		inboxField.name,
		inboxField.label,
		connection,
	);
	if (chosen !== undefined) return { inboxId: chosen, field: inboxField };
	const conversationId = readId.call(
		this,
		itemIndex,
		CONVERSATION_FIELD.name,
		CONVERSATION_FIELD.label,
		connection,
	);
	const conversation = await lookUp('conversation', conversationId);
	const inboxId = Number(conversation.inbox_id);
	if (!Number.isInteger(inboxId) || inboxId <= 0) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			CONVERSATION_FIELD.label,
			`Chatwoot did not say which inbox conversation ${conversationId} is in: choose the Template Inbox`,
		);
	}
	return { inboxId, field: CONVERSATION_FIELD, via: `conversation ${conversationId} is in ` };
}

/**
 * Reads "WhatsApp Template → From the Inbox" for one item: the inbox is fetched once per
 * execution (memo), the chosen template is looked up among its approved templates and the
 * resource mapper's values are checked against the template's variables.
 */
export async function readInboxTemplate(
	this: IExecuteFunctions,
	itemIndex: number,
	inboxField: InboxField,
	context?: TemplateLookupContext,
): Promise<{ definition: TemplateDefinition; message: TemplateMessage }> {
	const node = this.getNode();
	const value = String(this.getNodeParameter('templateId', itemIndex, '') ?? '').trim();
	if (!value) {
		throw fieldError(
			node,
			itemIndex,
			'Template',
			"is required: choose one of the inbox's approved templates",
		);
	}
	const connection = context?.connection ?? (await getConnection.call(this));
	const memo =
		context?.memo ??
		(async <T>(_key: string, load: (shared: ChatwootConnection) => Promise<T>) =>
			await load(connection));
	const lookUp: LookUp = async (record, id) =>
		await memo(`${record}:${connection.accountId}:${id}`, async (shared) => {
			try {
				return await chatwootApiRequest.call(this, shared, {
					method: 'GET',
					path: `${record === 'inbox' ? 'inboxes' : 'conversations'}/${id}`,
					subject: `${record} ${id} in account ${connection.accountId}`,
					itemIndex,
				});
			} catch (error) {
				if (isRefusedForBots(error))
					throw fieldError(
						node,
						itemIndex,
						'Template',
						'agent-bot tokens cannot read an inbox’s templates',
						'Chatwoot does not let agent bots read inboxes. Set Template Source → Entered by Hand and give the template’s name, language and parameters, or use a user access token (Profile Settings → Access Token).',
					);
				throw asNodeError(node, error, itemIndex);
			}
		});
	const {
		inboxId,
		field,
		via = '',
	} = await templateInboxOf.call(this, itemIndex, inboxField, connection, lookUp);
	const inbox = await lookUp('inbox', inboxId);
	const inboxName = `inbox ${inboxId} "${String(inbox.name ?? '')}"`;
	if (!templateInboxKind(inbox)) {
		throw fieldError(
			node,
			itemIndex,
			field.label,
			via
				? `${via}${inboxName}, a ${channelLabel(inbox)} inbox; ${TEMPLATE_INBOXES}`
				: `${inboxName} is a ${channelLabel(inbox)} inbox; ${TEMPLATE_INBOXES}`,
		);
	}
	const found = findTemplate(inboxTemplates(inbox), value);
	if ('problem' in found)
		throw fieldError(node, itemIndex, 'Template', `${found.problem} (${inboxName})`);
	const values = (this.getNodeParameter('templateVariables.value', itemIndex, {}) ??
		{}) as IDataObject;
	return {
		definition: found.template,
		message: templateMessageFromValues(node, itemIndex, found.template, values),
	};
}

/**
 * The node's template inbox and its templates, for the editor's lists; undefined when no inbox is
 * chosen yet. The message fields show their own Template Inbox only where the operation has no
 * inbox of its own (`ownInbox`), so the Template Inbox wins when it is set; with neither, the
 * conversation's inbox (an expression the editor cannot resolve leaves the lists empty).
 */
export async function editedTemplateInbox(
	this: ILoadOptionsFunctions,
	ownInbox: InboxField,
): Promise<{ inbox: IDataObject; templates: TemplateDefinition[] } | undefined> {
	const connection = await getConnection.call(this);
	let inboxField = TEMPLATE_INBOX_FIELD;
	let inboxId = currentValue.call(this, inboxField.name);
	if (!inboxId) {
		inboxField = ownInbox;
		inboxId = currentValue.call(this, inboxField.name);
	}
	if (!inboxId) {
		// Send: the conversation's inbox, when the editor can read the conversation's number
		const conversationId = currentValue.call(this, CONVERSATION_FIELD.name).replace(/^#/, '');
		if (!/^\d+$/.test(conversationId)) return undefined;
		inboxField = CONVERSATION_FIELD;
		const conversation = await chatwootApiRequest.call(this, connection, {
			method: 'GET',
			path: `conversations/${conversationId}`,
			subject: `conversation ${conversationId}`,
		});
		inboxId = String(conversation.inbox_id ?? '');
	}
	inboxId = inboxId.replace(/^#/, '');
	if (!inboxId) return undefined;
	if (!/^\d+$/.test(inboxId)) {
		throw new NodeOperationError(
			this.getNode(),
			`${inboxField.label}: must be an inbox number such as 2 (got "${inboxId}")`,
		);
	}
	const inbox = await chatwootApiRequest.call(this, connection, {
		method: 'GET',
		path: `inboxes/${inboxId}`,
		subject: `inbox ${inboxId}`,
	});
	if (!templateInboxKind(inbox)) {
		throw new NodeOperationError(
			this.getNode(),
			`${inboxField === CONVERSATION_FIELD ? 'The conversation is in inbox' : 'Inbox'} ${inboxId} "${String(inbox.name ?? '')}"${inboxField === CONVERSATION_FIELD ? ', a' : ' is a'} ${channelLabel(inbox)} inbox: ${TEMPLATE_INBOXES}`,
		);
	}
	return { inbox, templates: inboxTemplates(inbox) };
}
