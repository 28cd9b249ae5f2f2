import type { IDataObject } from 'n8n-workflow';

import { ChatwootTrigger } from '../../nodes/ChatwootTrigger/ChatwootTrigger.node';
import { forgetAllMemories } from '../../nodes/ChatwootTrigger/helpers/state';
import { json, type HttpHandler } from '../helpers/context';
import {
	activated,
	fakeWorkflow,
	messageCreated,
	signedDelivery,
	triggerParameters,
	webhookContext,
} from '../helpers/triggerContext';

const trigger = new ChatwootTrigger();
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);

const files: HttpHandler = (request) =>
	request.url.endsWith('/photo%20one.jpg')
		? { statusCode: 200, headers: { 'content-type': 'image/jpeg; charset=binary' }, body: PHOTO }
		: json('gone', 404);

const withAttachments = (urls: string[]): IDataObject =>
	messageCreated({
		attachments: urls.map((url, index) => ({ id: index + 1, file_type: 'image', data_url: url })),
	});

beforeEach(() => forgetAllMemories());

describe('Chatwoot Trigger attachment download', () => {
	it('answers Chatwoot first, then downloads each attachment into binary data without the token', async () => {
		const workflow = activated(
			fakeWorkflow(triggerParameters({ options: { downloadAttachments: true } }), files),
		);
		const { context, answer } = webhookContext(
			workflow,
			signedDelivery(
				withAttachments([
					'https://storage.example.net/blobs/photo%20one.jpg',
					'https://storage.example.net/blobs/missing.pdf',
				]),
			),
		);
		const result = await trigger.webhook.call(context);
		expect(answer).toEqual({ status: 200, body: { received: true } });
		expect(result.noWebhookResponse).toBe(true);
		const item = result.workflowData?.[0][0];
		expect(item?.binary).toEqual({
			attachment_0: {
				data: PHOTO.toString('base64'),
				fileName: 'photo one.jpg',
				mimeType: 'image/jpeg',
				fileSize: String(PHOTO.length),
			},
		});
		expect(item?.json.attachmentDownloadErrors).toEqual([
			{
				url: 'https://storage.example.net/blobs/missing.pdf',
				error: 'download failed: Request failed with status code 404',
			},
		]);
		// Fetched without the credential: no token header, no authenticated request.
		expect(workflow.requests).toEqual([]);
		expect(workflow.plainRequests.map((options) => options.headers)).toEqual([
			undefined,
			undefined,
		]);
	});

	it('uses the Attachment Field Prefix', async () => {
		const workflow = activated(
			fakeWorkflow(
				triggerParameters({ options: { downloadAttachments: true, binaryPrefix: 'file_' } }),
				files,
			),
		);
		const { context } = webhookContext(
			workflow,
			signedDelivery(withAttachments(['https://x.example/photo%20one.jpg'])),
		);
		const result = await trigger.webhook.call(context);
		expect(Object.keys(result.workflowData?.[0][0].binary ?? {})).toEqual(['file_0']);
	});

	it('with the signature check off, fetches only URLs on the Chatwoot host (no forged fetches)', async () => {
		const workflow = activated(
			fakeWorkflow(
				triggerParameters({ verifySignature: false, options: { downloadAttachments: true } }),
				files,
			),
		);
		const { context } = webhookContext(workflow, {
			body: JSON.stringify(
				withAttachments([
					'http://169.254.169.254/latest/meta-data',
					'https://chat.example.com/files/photo%20one.jpg',
				]),
			),
		});
		const result = await trigger.webhook.call(context);
		expect(workflow.plainRequests.map((options) => options.url)).toEqual([
			'https://chat.example.com/files/photo%20one.jpg',
		]);
		expect(result.workflowData?.[0][0].json.attachmentDownloadErrors).toEqual([
			{
				url: 'http://169.254.169.254/latest/meta-data',
				error: 'not downloaded: not on the Chatwoot host, and the delivery was not signed',
			},
		]);
	});

	it('without the option, lists the URLs and downloads nothing', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters(), files));
		const { context } = webhookContext(
			workflow,
			signedDelivery(withAttachments(['https://x.example/photo%20one.jpg'])),
		);
		const result = await trigger.webhook.call(context);
		expect(result.workflowData?.[0][0].binary).toBeUndefined();
		expect(workflow.plainRequests).toEqual([]);
	});
});
