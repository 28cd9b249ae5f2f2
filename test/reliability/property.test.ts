/**
 * Random parameter values fed to Send: the node either builds a request the sandbox accepts
 * (spec and Chatwoot's rules, zero violations) or throws a NodeOperationError before sending.
 * Never anything else: no crash, no request Chatwoot would reject or silently mangle.
 */
import fc from 'fast-check';
import { NodeOperationError } from 'n8n-workflow';

import { runChatwoot, sendParameters } from '../helpers/run';
import { realHttp } from '../helpers/realHttp';
import { startSandbox, type Sandbox } from '../helpers/sandbox';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());

const text = fc.oneof(
	fc.string({ maxLength: 30 }),
	fc.constantFrom('', ' ', 'Yes', 'ñandú ✓', '<b>"quoted"</b>'),
);
const url = fc.oneof(
	fc.webUrl(),
	fc.constantFrom('', 'ftp://x.io/a', 'javascript:alert(1)', 'not a url', 'https://'),
);
const list = <T>(arbitrary: fc.Arbitrary<T>) => fc.array(arbitrary, { maxLength: 4 });

const selectOptions = list(fc.record({ title: text, value: text })).map((option) => ({ option }));
const cards = list(
	fc.record({
		title: text,
		description: text,
		mediaUrl: url,
		actions: list(
			fc.record({ type: fc.constantFrom('link', 'postback'), text, uri: url, payload: text }),
		).map((action) => ({ action })),
	}),
).map((card) => ({ card }));
const formFields = list(
	fc.record({
		type: fc.constantFrom('email', 'text', 'text_area', 'select'),
		name: text,
		label: text,
		placeholder: text,
		default: text,
		required: fc.boolean(),
		pattern: text,
		patternError: text,
		selectOptions: list(fc.record({ label: text, value: text })).map((option) => ({ option })),
	}),
).map((field) => ({ field }));
const articles = list(fc.record({ title: text, description: text, link: url })).map((article) => ({
	article,
}));
const contentAttributesJson = fc.oneof(
	fc.json(),
	text,
	fc.constantFrom(
		'{"items":[{"title":"A","value":"a"}]}',
		'{"items":[]}',
		'{"items":[{"title":"A","bogus":1}]}',
		'[1,2]',
	),
);
const template = fc.record({
	templateName: text,
	templateLanguage: fc.constantFrom('en', 'en_US', 'pt_BR', ''),
	templateCategory: fc.constantFrom('UTILITY', 'MARKETING', 'AUTHENTICATION', 'utility', ''),
	templateBodyParameters: list(
		fc.record({ name: fc.oneof(fc.constantFrom('1', '2', 'name'), text), value: text }),
	).map((parameter) => ({ parameter })),
	templateHeaderType: fc.constantFrom('none', 'text', 'image', 'video', 'document'),
	templateHeaderParameterName: fc.constantFrom('1', 'customer_name', ''),
	templateHeaderText: text,
	templateHeaderMediaUrl: url,
	templateHeaderFileName: text,
	templateButtons: list(
		fc.record({ type: fc.constantFrom('url', 'copy_code'), parameter: text }),
	).map((button) => ({ button })),
	templateContent: text,
});

const parameters = fc.record({
	contentType: fc.constantFrom(
		'text',
		'input_select',
		'cards',
		'form',
		'article',
		'input_email',
		'template',
	),
	content: fc.oneof(text, fc.constant('x'.repeat(150_001))),
	messageType: fc.constantFrom('outgoing', 'incoming'),
	private: fc.boolean(),
	attributesMode: fc.constantFrom('fields', 'json'),
	selectOptions,
	cards,
	formFields,
	articles,
	contentAttributesJson,
	template,
	options: fc.record({
		echoId: text,
		inReplyTo: fc.constantFrom(0, 1, 2),
		campaignId: fc.constantFrom(0, 1),
		ccEmails: fc.constantFrom('', 'a@example.com'),
	}),
});

it('Send either builds a request Chatwoot accepts or names the bad field before sending', async () => {
	const tally = { sent: 0, rejected: 0 };
	await fc.assert(
		fc.asyncProperty(parameters, async ({ template: templateFields, ...rest }) => {
			const before = sandbox.requests.length;
			const run = await runChatwoot({
				parameters: sendParameters({
					...rest,
					...templateFields,
					conversationId: { mode: 'id', value: '1' },
				}),
				credentials: { baseUrl: sandbox.url, accessToken: sandbox.userToken, accountId: 1 },
				http: realHttp,
			});
			const recorded = sandbox.requests.slice(before);
			if (run.error !== undefined) {
				expect(run.error).toBeInstanceOf(NodeOperationError);
				expect(recorded).toEqual([]);
				tally.rejected++;
				return;
			}
			expect(recorded).toHaveLength(1);
			expect({ status: recorded[0].status, violations: recorded[0].violations }).toEqual({
				status: 200,
				violations: [],
			});
			tally.sent++;
		}),
		{ numRuns: 400, seed: 4242 },
	);
	// Both outcomes must really be exercised, or the property says little.
	expect(tally.sent).toBeGreaterThan(40);
	expect(tally.rejected).toBeGreaterThan(40);
}, 120_000);
