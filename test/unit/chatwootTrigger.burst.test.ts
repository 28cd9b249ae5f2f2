import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import { ChatwootTrigger } from '../../nodes/ChatwootTrigger/ChatwootTrigger.node';
import { forgetAllMemories } from '../../nodes/ChatwootTrigger/helpers/state';
import {
	activated,
	fakeWorkflow,
	messageCreated,
	signedDelivery,
	triggerParameters,
	webhookContext,
	type FakeWorkflow,
} from '../helpers/triggerContext';

const trigger = new ChatwootTrigger();

/** Starts a delivery; its answer is inspected at once, its result when it settles. */
function deliver(workflow: FakeWorkflow, payload: IDataObject) {
	const { context, answer } = webhookContext(workflow, signedDelivery(payload));
	let settled: IWebhookResponseData | undefined;
	const done = trigger.webhook.call(context).then((result) => (settled = result));
	return { answer, done, settled: () => settled };
}

const burstWorkflow = () =>
	activated(fakeWorkflow(triggerParameters({ options: { burstSeconds: 5 } })));

const message = (id: number, content: string, conversation = 42, attachments?: IDataObject[]) =>
	messageCreated({
		id,
		content,
		conversation: {
			id: conversation,
			inbox_id: 3,
			status: 'open',
			labels: [],
			meta: { sender: { id: 17 } },
		},
		...(attachments ? { attachments } : {}),
	});

const flush = async () => {
	for (let i = 0; i < 20; i++) await Promise.resolve();
};

beforeEach(() => {
	forgetAllMemories();
	jest.useFakeTimers({ now: new Date('2026-12-02T00:00:00Z') });
});
afterEach(() => jest.useRealTimers());

describe('Chatwoot Trigger burst merge', () => {
	it('answers every delivery at once and starts one execution after 5 quiet seconds', async () => {
		const workflow = burstWorkflow();
		const first = deliver(workflow, message(1, 'hi'));
		await flush();
		expect(first.answer).toEqual({ status: 200, body: { received: true, merged: true } });

		await jest.advanceTimersByTimeAsync(3_000);
		const second = deliver(
			workflow,
			message(2, 'my order', 42, [
				{ id: 7, file_type: 'image', data_url: 'https://chat.example.com/files/receipt.png' },
			]),
		);
		await flush();
		expect(second.answer).toEqual({ status: 200, body: { received: true, merged: true } });
		await second.done;
		// The joined delivery starts nothing.
		expect(second.settled()).toEqual({ noWebhookResponse: true });

		await jest.advanceTimersByTimeAsync(4_000);
		const third = deliver(workflow, message(3, 'it has not arrived'));
		await third.done;
		expect(third.settled()).toEqual({ noWebhookResponse: true });

		// 4.999 s after the last message: still waiting.
		await jest.advanceTimersByTimeAsync(4_999);
		expect(first.settled()).toBeUndefined();
		await jest.advanceTimersByTimeAsync(1);
		await first.done;
		const items = first.settled()?.workflowData?.[0];
		expect(items).toHaveLength(1);
		expect(items?.[0].json).toMatchObject({
			event: 'message_created',
			conversationId: 42,
			messageId: 3,
			content: 'hi\nmy order\nit has not arrived',
			messageIds: [1, 2, 3],
			attachments: [
				{ id: 7, fileType: 'image', url: 'https://chat.example.com/files/receipt.png' },
			],
		});
		expect((items?.[0].json.messages as IDataObject[]).map((entry) => entry.id)).toEqual([1, 2, 3]);
		expect(first.settled()?.noWebhookResponse).toBe(true);
	});

	it('keeps conversations apart', async () => {
		const workflow = burstWorkflow();
		const a = deliver(workflow, message(1, 'a', 42));
		const b = deliver(workflow, message(2, 'b', 43));
		await jest.advanceTimersByTimeAsync(5_000);
		await Promise.all([a.done, b.done]);
		expect(a.settled()?.workflowData?.[0][0].json.content).toBe('a');
		expect(b.settled()?.workflowData?.[0][0].json.content).toBe('b');
	});

	it('messages that do not pass the filters never join a burst; other events are not merged', async () => {
		const workflow = activated(
			fakeWorkflow(
				triggerParameters({
					options: { burstSeconds: 5 },
					messageTypes: [],
					events: ['message_created', 'conversation_created'],
				}),
			),
		);
		const outgoing = deliver(
			workflow,
			messageCreated({ id: 9, message_type: 'outgoing', sender: { id: 8, type: 'user' } }),
		);
		await outgoing.done;
		expect(outgoing.settled()?.workflowData).toHaveLength(1);
		const created = deliver(workflow, {
			event: 'conversation_created',
			id: 42,
			inbox_id: 3,
			status: 'open',
		});
		await created.done;
		expect(created.settled()?.workflowData?.[0][0].json.event).toBe('conversation_created');
	});

	it('without Wait for the Contact to Finish every message starts its own execution', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters()));
		const first = deliver(workflow, message(1, 'hi'));
		await first.done;
		expect(first.answer).toEqual({});
		expect(first.settled()?.workflowData?.[0][0].json.content).toBe('hi');
	});
});
