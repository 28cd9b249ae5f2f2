import type { INodeProperties } from 'n8n-workflow';

export const MEDIA_ID_EXAMPLE = '1166846181421424';

export const mediaIdField: INodeProperties = {
	displayName: 'Media ID',
	name: 'mediaId',
	type: 'string',
	default: '',
	required: true,
	placeholder: MEDIA_ID_EXAMPLE,
	description:
		'The ID of the file: what Media → Upload returned, or the media ID of a customer’s image, audio, video or document in the Kapso Trigger’s events',
};

export const binaryPropertyField: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input binary field containing the file to upload',
	description: 'The binary property of the item that holds the file',
};
