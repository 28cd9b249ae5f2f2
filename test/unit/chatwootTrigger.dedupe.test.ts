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

async function deliver(workflow: FakeWorkflow, delivery: string | undefined, timestamp?: number) {
	const { context, answer } = webhookContext(
		workflow,
		signedDelivery(messageCreated(), { delivery, timestamp }),
	);
	const result = await trigger.webhook.call(context);
	return { started: result.workflowData !== undefined, answer };
}

beforeEach(() => forgetAllMemories());

describe('Chatwoot Trigger delivery-id de-duplication', () => {
	it('the same X-Chatwoot-Delivery (an agent-bot retry) starts one execution', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters()));
		expect((await deliver(workflow, 'd-1')).started).toBe(true);
		expect(await deliver(workflow, 'd-1')).toEqual({
			started: false,
			answer: {
				status: 200,
				body: { received: true, started: false, reason: 'duplicate delivery' },
			},
		});
		expect((await deliver(workflow, 'd-2')).started).toBe(true);
	});

	it('a retry that reaches another process (or comes after a restart) is known from static data', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters()));
		await deliver(workflow, 'd-1');
		expect(workflow.staticData.deliveries).toEqual({ 'd-1': expect.any(Number) });
		forgetAllMemories();
		expect((await deliver(workflow, 'd-1')).started).toBe(false);
	});

	it('forgets ids after the Duplicate Window', async () => {
		jest.useFakeTimers({ now: new Date('2026-12-02T00:00:00Z') });
		try {
			const workflow = activated(
				fakeWorkflow(triggerParameters({ options: { duplicateWindowSeconds: 60 } })),
			);
			expect((await deliver(workflow, 'd-1')).started).toBe(true);
			jest.setSystemTime(new Date('2026-12-02T00:00:59Z'));
			expect((await deliver(workflow, 'd-1')).started).toBe(false);
			jest.setSystemTime(new Date('2026-12-02T00:01:01Z'));
			expect((await deliver(workflow, 'd-1')).started).toBe(true);
		} finally {
			jest.useRealTimers();
		}
	});

	it('a forged delivery does not use up the id of the real one', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters()));
		const { context } = webhookContext(
			workflow,
			signedDelivery(messageCreated(), { delivery: 'd-9', secret: 'forged' }),
		);
		await trigger.webhook.call(context);
		expect((await deliver(workflow, 'd-9')).started).toBe(true);
	});

	it('deliveries without an id are never taken for duplicates', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters()));
		expect((await deliver(workflow, undefined)).started).toBe(true);
		expect((await deliver(workflow, undefined)).started).toBe(true);
	});
});
