/**
 * Hardening against the Chatwoot sandbox over real HTTP: the WhatsApp 24-hour window, Send to
 * Contact converging when executions race, inbox ids written several ways, and an agent-bot
 * token asking for an inbox's templates.
 */
import { runChatwoot, runOnSandbox, sendParameters } from '../helpers/run';
import { startSandbox, type Sandbox } from '../helpers/sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const id = (value: string) => ({ __rl: true, mode: 'id', value });
const WHATSAPP_CONVERSATION = 2;
const DAY = 24 * 3600;

const run = async (
	parameters: Record<string, unknown> | ((itemIndex: number) => Record<string, unknown>),
	extra: Partial<Parameters<typeof runChatwoot>[0]> = {},
) => await runOnSandbox(sandbox, parameters, extra);

/** Moves every message of a conversation back in time, so its customer last wrote `days` ago. */
function ageConversation(displayId: number, days: number) {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the sandbox's in-memory state
	const conversation = sandbox.state.conversations.find((c: any) => c.display_id === displayId);
	for (const messageId of conversation.message_ids) {
		const message = sandbox.state.messages.get(messageId);
		message.created_at -= days * DAY;
		message.updated_at -= days * DAY;
	}
}

const messagePosts = () =>
	sandbox.requests.filter(
		(request) => request.method === 'POST' && /\/messages$/.test(request.path),
	);

describe('The WhatsApp 24-hour window', () => {
	const toWhatsApp = (extra: Record<string, unknown> = {}) =>
		sendParameters({
			conversationId: id(String(WHATSAPP_CONVERSATION)),
			...extra,
			options: { checkReplyWindow: true, ...(extra.options as object | undefined) },
		});

	it('is on by default', async () => {
		ageConversation(WHATSAPP_CONVERSATION, 3);
		const parameters: Record<string, unknown> = sendParameters({
			conversationId: id(String(WHATSAPP_CONVERSATION)),
		});
		delete parameters.options;
		const result = await run(parameters);
		expect(messagePosts()).toHaveLength(0);
		expect((result.error as Error).message).toMatch(/24-hour window/);
	});

	it('a free-form message to a closed window is stopped before it is sent, with an error that says to send a template', async () => {
		ageConversation(WHATSAPP_CONVERSATION, 3);
		const result = await run(toWhatsApp());
		expect(messagePosts()).toHaveLength(0);
		const error = result.error as { message: string; description?: string };
		expect(error.message).toBe(
			'Conversation 2 is outside WhatsApp’s 24-hour window: a free-form message would not be delivered [item 0]',
		);
		expect(error.description).toMatch(/WhatsApp Template/);
		expect(error.description).toMatch(/Check 24-Hour Window/);
	});

	it('reads the conversation once per execution, however many items go to it', async () => {
		const result = await run(() => toWhatsApp(), {
			items: [{ json: {} }, { json: {} }, { json: {} }],
		});
		expect(result.error).toBeUndefined();
		const lookups = sandbox.requests.filter(
			(request) =>
				request.method === 'GET' &&
				request.path === `/api/v1/accounts/1/conversations/${WHATSAPP_CONVERSATION}`,
		);
		expect(lookups).toHaveLength(1);
		expect(messagePosts()).toHaveLength(3);
	});

	it.each([
		['a private note', { private: true }],
		['a template', undefined],
	])('%s to a closed window is still sent', async (_label, extra) => {
		ageConversation(WHATSAPP_CONVERSATION, 3);
		const parameters = extra
			? toWhatsApp(extra)
			: toWhatsApp({
					contentType: 'template',
					templateSource: 'manual',
					templateName: 'plain_notice',
					templateLanguage: 'en',
					templateCategory: 'UTILITY',
				});
		const result = await run(parameters);
		expect(result.error).toBeUndefined();
		expect(messagePosts()).toHaveLength(1);
	});

	it('the check can be turned off (Options → Check 24-Hour Window)', async () => {
		ageConversation(WHATSAPP_CONVERSATION, 3);
		const result = await run(toWhatsApp({ options: { checkReplyWindow: false } }));
		expect(result.error).toBeUndefined();
		expect(messagePosts()).toHaveLength(1);
		expect(sandbox.requests.some((request) => request.path.endsWith(`/conversations/2`))).toBe(
			false,
		);
	});

	it('Send to Contact stops before writing into a reused conversation whose window is closed', async () => {
		ageConversation(WHATSAPP_CONVERSATION, 3);
		const result = await run({
			resource: 'message',
			operation: 'sendToContact',
			inboxId: id('2'),
			identifyBy: 'phone',
			phoneNumber: '+15551234567',
			contentType: 'text',
			content: 'Hello again',
		});
		expect(messagePosts()).toHaveLength(0);
		expect((result.error as Error).message).toBe(
			'Conversation 2 is outside WhatsApp’s 24-hour window: a free-form message would not be delivered [item 0]',
		);
	});
});

describe('Send to Contact converges', () => {
	const toNewContact = (inbox: string, content: string) => ({
		resource: 'message',
		operation: 'sendToContact',
		inboxId: id(inbox),
		identifyBy: 'phone',
		phoneNumber: '+15559990001',
		contactName: 'Racer',
		contentType: 'text',
		content,
	});

	const conversationsOfRacer = () => {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the sandbox's in-memory state
		const contacts = sandbox.state.contacts.filter((c: any) => c.phone_number === '+15559990001');
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the sandbox's in-memory state
		const conversations = sandbox.state.conversations.filter((c: any) =>
			// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the sandbox's in-memory state
			contacts.some((contact: any) => contact.id === c.contact_id),
		);
		return { contacts, conversations };
	};

	it('three parallel executions for one new contact make one contact and one conversation', async () => {
		for (let trial = 0; trial < 10; trial++) {
			sandbox.reset();
			sandbox.setFaults({ latencyMs: 0, jitterMs: 40, seed: trial + 1 });
			const results = await Promise.all(
				['a', 'b', 'c'].map(async (content) => await run(toNewContact('1', content))),
			);
			for (const result of results) expect(result.error).toBeUndefined();
			const { contacts, conversations } = conversationsOfRacer();
			expect(contacts).toHaveLength(1);
			const withMessages = conversations.filter(
				// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the sandbox's in-memory state
				(conversation: any) => conversation.message_ids.length > 0,
			);
			expect(withMessages).toHaveLength(1);
			const chosen = results.map(
				(result) => (result.output?.[0].json.conversation as { id?: number } | undefined)?.id,
			);
			expect(new Set(chosen)).toEqual(new Set([withMessages[0].display_id]));
		}
	});

	it('an inbox written "1", "#1" and "01" is one inbox: one contact, one conversation, item order kept', async () => {
		const inboxes = ['1', '#1', '01'];
		sandbox.setFaults({ latencyMs: 0, jitterMs: 40, seed: 2 });
		const result = await run((itemIndex) => toNewContact(inboxes[itemIndex], `m${itemIndex}`), {
			items: inboxes.map(() => ({ json: {} })),
		});
		expect(result.error).toBeUndefined();
		const { contacts, conversations } = conversationsOfRacer();
		expect(contacts).toHaveLength(1);
		expect(conversations).toHaveLength(1);
		expect(messagePosts().map((request) => request.body.content)).toEqual(['m0', 'm1', 'm2']);
	});
});

describe('Agent-bot token and templates from the inbox', () => {
	it('the error says bots cannot read inbox templates and points to Template Source → Entered by Hand', async () => {
		const result = await run(
			sendParameters({
				conversationId: id(String(WHATSAPP_CONVERSATION)),
				contentType: 'template',
				templateSource: 'inbox',
				templateInboxId: id('2'),
				templateId: 'plain_notice|en',
				templateVariables: { mappingMode: 'defineBelow', value: {} },
			}),
			{ credentials: { baseUrl: sandbox.url, accessToken: sandbox.botToken, accountId: 1 } },
		);
		expect(messagePosts()).toHaveLength(0);
		const error = result.error as { message: string; description?: string };
		expect(error.message).toBe(
			'Template: agent-bot tokens cannot read an inbox’s templates [item 0]',
		);
		expect(error.description).toMatch(/Template Source → Entered by Hand/);
	});
});
