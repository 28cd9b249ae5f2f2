import type { IDataObject } from 'n8n-workflow';

import { ChatwootTrigger } from '../../nodes/ChatwootTrigger/ChatwootTrigger.node';
import { forgetAllMemories } from '../../nodes/ChatwootTrigger/helpers/state';
import { json, TEST_TOKEN, type HttpHandler } from '../helpers/context';
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

const files: HttpHandler = (request) => {
	if (request.url.endsWith('/photo%20one.jpg'))
		return {
			statusCode: 200,
			headers: { 'content-type': 'image/jpeg; charset=binary' },
			body: PHOTO,
		};
	// Chatwoot's own file links answer with a redirect to the storage host.
	if (request.url === 'https://chat.example.com/rails/active_storage/blobs/redirect/abc/photo.jpg')
		return {
			statusCode: 302,
			headers: { location: 'https://storage.example.net/blobs/photo%20one.jpg?sig=1' },
			body: '',
		};
	if (request.url === 'https://storage.example.net/blobs/photo%20one.jpg?sig=1')
		return { statusCode: 200, headers: { 'content-type': 'image/jpeg' }, body: PHOTO };
	return json('gone', 404);
};

const withAttachments = (urls: string[]): IDataObject =>
	messageCreated({
		attachments: urls.map((url, index) => ({ id: index + 1, file_type: 'image', data_url: url })),
	});

beforeEach(() => forgetAllMemories());

describe('Chatwoot Trigger attachment download', () => {
	it('answers Chatwoot first, then downloads each attachment into binary data; the storage host gets no token', async () => {
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
				error: 'download failed: the file host answered HTTP 404',
			},
		]);
		// Through the credential, which adds the token only on the Chatwoot host; redirects are not
		// left to n8n, so they cannot carry the header along.
		expect(workflow.plainRequests).toEqual([]);
		expect(
			workflow.requests.map((request) => [
				request.url,
				request.headers?.['Api-Access-Token'],
				request.options.disableFollowRedirect,
			]),
		).toEqual([
			['https://storage.example.net/blobs/photo%20one.jpg', undefined, true],
			['https://storage.example.net/blobs/missing.pdf', undefined, true],
		]);
	});

	it("follows a Chatwoot file link's redirect hop by hop: the token stays on the Chatwoot host", async () => {
		const workflow = activated(
			fakeWorkflow(triggerParameters({ options: { downloadAttachments: true } }), files),
		);
		const { context } = webhookContext(
			workflow,
			signedDelivery(
				withAttachments([
					'https://chat.example.com/rails/active_storage/blobs/redirect/abc/photo.jpg',
				]),
			),
		);
		const result = await trigger.webhook.call(context);
		expect(result.workflowData?.[0][0].binary?.attachment_0.data).toBe(PHOTO.toString('base64'));
		expect(
			workflow.requests.map((request) => [request.url, request.headers?.['Api-Access-Token']]),
		).toEqual([
			['https://chat.example.com/rails/active_storage/blobs/redirect/abc/photo.jpg', TEST_TOKEN],
			['https://storage.example.net/blobs/photo%20one.jpg?sig=1', undefined],
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
		expect(workflow.requests.map((request) => request.url)).toEqual([
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
		expect(workflow.requests).toEqual([]);
	});
});
