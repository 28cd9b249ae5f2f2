import type { IDataObject } from 'n8n-workflow';

import { ChatwootTrigger } from '../../nodes/ChatwootTrigger/ChatwootTrigger.node';
import { forgetAllMemories } from '../../nodes/ChatwootTrigger/helpers/state';
import {
	activated,
	fakeChatwoot,
	fakeWorkflow,
	messageCreated,
	signedDelivery,
	triggerParameters,
	webhookContext,
	type FakeWorkflow,
} from '../helpers/triggerContext';

const trigger = new ChatwootTrigger();

async function deliver(workflow: FakeWorkflow, payload: IDataObject) {
	const { context, answer } = webhookContext(workflow, signedDelivery(payload));
	const result = await trigger.webhook.call(context);
	return { started: result.workflowData !== undefined, answer, result };
}

const ignored = (reason: string | RegExp) => ({
	started: false,
	answer: {
		status: 200,
		body: {
			received: true,
			started: false,
			reason:
				typeof reason === 'string'
					? expect.stringContaining(reason)
					: expect.stringMatching(reason),
		},
	},
	result: { noWebhookResponse: true },
});

const AGENT = { id: 8, name: 'Sam Agent', email: 'sam@example.com', type: 'user' };
const OWN_USER = { id: 5, name: 'Ops Bot User', email: 'ops@example.com', type: 'user' };
const BOT = { id: 2, name: 'Helper Bot', type: 'agent_bot' };

beforeEach(() => forgetAllMemories());

describe('Chatwoot Trigger filters, before an execution starts', () => {
	it('by default, only incoming messages start an execution', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters()));
		expect((await deliver(workflow, messageCreated())).started).toBe(true);
		expect(
			await deliver(workflow, messageCreated({ message_type: 'outgoing', sender: AGENT })),
		).toEqual(ignored('message type outgoing'));
		expect(
			await deliver(workflow, messageCreated({ message_type: 'template', sender: AGENT })),
		).toEqual(ignored('message type template'));
	});

	it('outgoing and template messages on request; empty Message Types lets all through', async () => {
		const some = activated(
			fakeWorkflow(triggerParameters({ messageTypes: ['outgoing', 'template'] })),
		);
		expect(
			(await deliver(some, messageCreated({ message_type: 'outgoing', sender: AGENT }))).started,
		).toBe(true);
		expect((await deliver(some, messageCreated())).started).toBe(false);
		const all = activated(fakeWorkflow(triggerParameters({ messageTypes: [] })));
		expect(
			(await deliver(all, messageCreated({ message_type: 'activity', sender: undefined }))).started,
		).toBe(true);
	});

	it('private notes are off by default', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters({ messageTypes: [] })));
		expect(
			await deliver(
				workflow,
				messageCreated({ private: true, message_type: 'outgoing', sender: AGENT }),
			),
		).toEqual(ignored('a private note'));
		const withNotes = activated(
			fakeWorkflow(triggerParameters({ messageTypes: [], includePrivateNotes: true })),
		);
		expect(
			(
				await deliver(
					withNotes,
					messageCreated({ private: true, message_type: 'outgoing', sender: AGENT }),
				)
			).started,
		).toBe(true);
	});

	it('by inbox: a chosen inbox passes, another does not; contact events have none and pass', async () => {
		const workflow = activated(
			fakeWorkflow(
				triggerParameters({
					events: ['message_created', 'contact_created'],
					filters: { inboxIds: [3, 4] },
				}),
			),
		);
		expect((await deliver(workflow, messageCreated())).started).toBe(true);
		expect(await deliver(workflow, messageCreated({ inbox: { id: 7, name: 'WhatsApp' } }))).toEqual(
			ignored('inbox 7 is not among'),
		);
		expect(
			(await deliver(workflow, { event: 'contact_created', id: 17, name: 'Maria' })).started,
		).toBe(true);
	});

	it('by conversation status and labels', async () => {
		const workflow = activated(
			fakeWorkflow(
				triggerParameters({
					filters: { statuses: ['open', 'pending'], labels: ['vip', 'billing'] },
				}),
			),
		);
		expect((await deliver(workflow, messageCreated())).started).toBe(true);
		const resolved = messageCreated();
		(resolved.conversation as IDataObject).status = 'resolved';
		expect(await deliver(workflow, resolved)).toEqual(ignored('conversation status resolved'));
		const unlabelled = messageCreated();
		(unlabelled.conversation as IDataObject).labels = ['other'];
		expect(await deliver(workflow, unlabelled)).toEqual(ignored('none of the node’s labels'));
	});

	it('events not chosen on the node start nothing (a manually set up webhook may send more)', async () => {
		const workflow = fakeWorkflow(
			triggerParameters({
				setup: 'manual',
				manualEvents: ['conversation_resolved'],
				webhookSecret: 'cw-webhook-secret-91b2',
			}),
		);
		workflow.staticData.ownUserId = 5;
		expect(await deliver(workflow, messageCreated())).toEqual(
			ignored('event message_created is not among'),
		);
		expect(
			(await deliver(workflow, { event: 'conversation_resolved', id: 42, status: 'resolved' }))
				.started,
		).toBe(true);
	});
});

describe('Chatwoot Trigger loop guard', () => {
	const everything = { messageTypes: [] };

	it('ignores messages sent with the credential’s own user (learnt at activation)', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters(everything)));
		expect(
			await deliver(
				workflow,
				messageCreated({ message_type: 'outgoing', sender: OWN_USER, content: 'You said: hi' }),
			),
		).toEqual(ignored('sent with this credential (loop guard)'));
		expect(
			(await deliver(workflow, messageCreated({ message_type: 'outgoing', sender: AGENT })))
				.started,
		).toBe(true);
		expect(workflow.requests).toEqual([]);
	});

	it('ignores messages of agent bots', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters(everything)));
		expect(
			await deliver(workflow, messageCreated({ message_type: 'outgoing', sender: BOT })),
		).toEqual(ignored('sent by an agent bot (loop guard)'));
	});

	it('both guards can be turned off', async () => {
		const workflow = activated(
			fakeWorkflow(
				triggerParameters({
					...everything,
					ignoreOwnMessages: false,
					ignoreAgentBotMessages: false,
				}),
			),
		);
		expect(
			(await deliver(workflow, messageCreated({ message_type: 'outgoing', sender: OWN_USER })))
				.started,
		).toBe(true);
		expect(
			(await deliver(workflow, messageCreated({ message_type: 'outgoing', sender: BOT }))).started,
		).toBe(true);
	});

	it('learns its user from GET /api/v1/profile when activation could not, and keeps it', async () => {
		const chatwoot = fakeChatwoot();
		const workflow = activated(fakeWorkflow(triggerParameters(everything), chatwoot.handler), {
			ownUserId: undefined,
		});
		delete workflow.staticData.ownUserId;
		expect(
			(await deliver(workflow, messageCreated({ message_type: 'outgoing', sender: OWN_USER })))
				.started,
		).toBe(false);
		expect(workflow.requests.map((request) => request.url)).toEqual([
			'https://chat.example.com/api/v1/profile',
		]);
		expect(workflow.staticData.ownUserId).toBe(5);
		// A contact's message never needs the profile.
		forgetAllMemories();
		delete workflow.staticData.ownUserId;
		await deliver(workflow, messageCreated());
		expect(workflow.requests).toHaveLength(1);
	});

	it('an agent-bot credential (no profile) relies on the agent-bot guard', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters(everything)), { ownUserId: null });
		expect(
			(
				await deliver(
					workflow,
					messageCreated({ message_type: 'outgoing', sender: { ...OWN_USER } }),
				)
			).started,
		).toBe(true);
		expect(
			(await deliver(workflow, messageCreated({ message_type: 'outgoing', sender: BOT }))).started,
		).toBe(false);
		expect(workflow.requests).toEqual([]);
	});
});
