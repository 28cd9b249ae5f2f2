import { ChatwootTrigger } from '../../nodes/ChatwootTrigger/ChatwootTrigger.node';
import { ACCOUNT_EVENTS, MANUAL_EVENTS } from '../../nodes/ChatwootTrigger/helpers/events';
import { flatFields } from '../../nodes/ChatwootTrigger/helpers/payload';
import { DEFAULTS } from '../../nodes/ChatwootTrigger/helpers/settings';
import { forgetAllMemories } from '../../nodes/ChatwootTrigger/helpers/state';
import {
	activated,
	fakeWorkflow,
	messageCreated,
	signedDelivery,
	triggerParameters,
	webhookContext,
} from '../helpers/triggerContext';

const trigger = new ChatwootTrigger();

beforeEach(() => forgetAllMemories());

describe('Chatwoot Trigger output', () => {
	it('a message: the flat fields first, attachments listed, Chatwoot’s payload as it came', async () => {
		const payload = messageCreated({
			attachments: [
				{
					id: 71,
					message_id: 501,
					file_type: 'image',
					account_id: 1,
					extension: null,
					data_url: 'https://chat.example.com/rails/active_storage/blobs/redirect/x/photo.jpg',
					thumb_url: 'https://chat.example.com/rails/active_storage/representations/x/photo.jpg',
					file_size: 48213,
				},
				{ id: 72, file_type: 'file', data_url: '' },
			],
		});
		const workflow = activated(fakeWorkflow(triggerParameters()));
		const delivery = signedDelivery(payload);
		const { context } = webhookContext(workflow, delivery);
		const result = await trigger.webhook.call(context);
		expect(result.workflowData).toEqual([
			[
				{
					json: {
						event: 'message_created',
						accountId: 1,
						inboxId: 3,
						conversationId: 42,
						contactId: 17,
						messageId: 501,
						content: 'Hello, my order has not arrived',
						messageType: 'incoming',
						private: false,
						sender: { id: 17, name: 'Maria Lopez', email: 'maria@example.com', type: 'contact' },
						attachments: [
							{
								id: 71,
								fileType: 'image',
								url: 'https://chat.example.com/rails/active_storage/blobs/redirect/x/photo.jpg',
								thumbUrl:
									'https://chat.example.com/rails/active_storage/representations/x/photo.jpg',
								fileSize: 48213,
								extension: undefined,
							},
						],
						payload: JSON.parse(delivery.body as string),
					},
				},
			],
		]);
	});

	it('reads the ids of every event shape Chatwoot sends', () => {
		const conversation = {
			event: 'conversation_status_changed',
			id: 42,
			inbox_id: 3,
			status: 'resolved',
			labels: ['vip'],
			meta: { sender: { id: 17, type: 'contact' } },
			account_id: 1,
			changed_attributes: [{ status: { previous_value: 'open', current_value: 'resolved' } }],
		};
		expect(flatFields(conversation)).toMatchObject({
			event: 'conversation_status_changed',
			accountId: 1,
			inboxId: 3,
			conversationId: 42,
			contactId: 17,
			messageId: undefined,
			status: 'resolved',
			labels: ['vip'],
		});
		expect(
			flatFields({ event: 'contact_created', id: 17, name: 'Maria', account: { id: 1 } }),
		).toMatchObject({
			contactId: 17,
			conversationId: undefined,
			accountId: 1,
		});
		expect(
			flatFields({
				event: 'conversation_typing_on',
				user: { id: 8, name: 'Sam', type: 'user' },
				conversation: { id: 42, inbox_id: 3 },
				is_private: false,
			}),
		).toMatchObject({
			conversationId: 42,
			inboxId: 3,
			sender: { id: 8, name: 'Sam', type: 'user' },
		});
		expect(
			flatFields({
				event: 'webwidget_triggered',
				contact: { id: 17, name: 'Maria' },
				inbox: { id: 3, name: 'Website' },
				account: { id: 1 },
				current_conversation: { id: 42, inbox_id: 3 },
				event_info: { initiated_at: {} },
			}),
		).toMatchObject({ contactId: 17, inboxId: 3, conversationId: 42, accountId: 1 });
		expect(flatFields({ event: 'inbox_created', id: 9, name: 'New', account_id: 1 })).toMatchObject(
			{
				inboxId: 9,
				accountId: 1,
			},
		);
		// The API's numeric message type is named as webhooks name it.
		expect(flatFields(messageCreated({ message_type: 1 })).messageType).toBe('outgoing');
		// An agent's message: the contact comes from the conversation.
		expect(flatFields(messageCreated({ sender: { id: 8, type: 'user' } })).contactId).toBe(17);
	});
});

describe('Chatwoot Trigger description', () => {
	const properties = new ChatwootTrigger().description.properties;
	const option = (collection: string, name: string) =>
		(
			properties.find((property) => property.name === collection)?.options as Array<{
				name: string;
				default: unknown;
			}>
		).find((entry) => entry.name === name)?.default;

	it('offers every account event Chatwoot can subscribe to, and the agent-bot events in manual setup', () => {
		expect(ACCOUNT_EVENTS.map((event) => event.value).sort()).toEqual(
			[
				'contact_created',
				'contact_updated',
				'conversation_created',
				'conversation_status_changed',
				'conversation_typing_off',
				'conversation_typing_on',
				'conversation_updated',
				'inbox_created',
				'inbox_updated',
				'message_created',
				'message_updated',
				'webwidget_triggered',
			].sort(),
		);
		for (const event of [
			'conversation_opened',
			'conversation_resolved',
			'message_created',
			'message_updated',
			'webwidget_triggered',
		])
			expect(MANUAL_EVENTS.map((entry) => entry.value)).toContain(event);
	});

	it('the defaults shown in the editor are the ones the code applies', () => {
		expect(option('options', 'maxAgeSeconds')).toBe(DEFAULTS.maxAgeSeconds);
		expect(option('options', 'duplicateWindowSeconds')).toBe(DEFAULTS.duplicateWindowSeconds);
		expect(option('options', 'burstSeconds')).toBe(DEFAULTS.burstSeconds);
		expect(option('options', 'binaryPrefix')).toBe(DEFAULTS.binaryPrefix);
		expect(properties.find((property) => property.name === 'messageTypes')?.default).toEqual([
			'incoming',
		]);
		expect(properties.find((property) => property.name === 'verifySignature')?.default).toBe(true);
		expect(properties.find((property) => property.name === 'includePrivateNotes')?.default).toBe(
			false,
		);
	});

	it('is a webhook trigger on the Chatwoot credential, answering when the delivery is received', () => {
		const { description } = new ChatwootTrigger();
		expect(description.inputs).toEqual([]);
		expect(description.credentials).toEqual([
			{ name: 'chatwootAccessTokenApi', required: true, testedBy: 'chatwootAccessTokenApiTest' },
		]);
		expect(description.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		]);
	});
});
