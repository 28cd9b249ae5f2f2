import type { INodeProperties } from 'n8n-workflow';

import * as deleteMedia from './delete.operation';
import * as download from './download.operation';
import * as getUrl from './getUrl.operation';
import * as upload from './upload.operation';

export { deleteMedia as delete, download, getUrl, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['media'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an uploaded file from WhatsApp',
				action: 'Delete a media file',
			},
			{
				name: 'Download',
				value: 'download',
				description: 'Download a file (e.g. a customer’s photo) into a binary field',
				action: 'Download a media file',
			},
			{
				name: 'Get URL',
				value: 'getUrl',
				description: 'Get a short-lived download address and the file’s type and size',
				action: 'Get the URL of a media file',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: 'Upload a binary file to WhatsApp and get its media ID, to send it later',
				action: 'Upload a media file',
			},
		],
		default: 'upload',
	},
	...deleteMedia.description,
	...download.description,
	...getUrl.description,
	...upload.description,
];
