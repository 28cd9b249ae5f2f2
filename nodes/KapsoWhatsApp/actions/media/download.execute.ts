import { withBinary } from '../../../shared/outputItems';
import { kapsoDownload } from '../../transport';
import type { OperationExecute } from '../operation.types';
import { mediaRequest } from './mediaRequest';

/** A file name for the download: WhatsApp's media has none, so the ID and the type's extension. */
function fileNameFor(mediaId: string, mimeType: string): string {
	const subtype = /^[\w.+-]+\/([\w.+-]+)/.exec(mimeType)?.[1] ?? 'bin';
	const extension =
		{ jpeg: 'jpg', 'vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx' }[
			subtype
		] ?? subtype.replace(/^x-/, '');
	return `${mediaId}.${/^[a-z0-9]{1,8}$/i.test(extension) ? extension : 'bin'}`;
}

/**
 * The media's URL (`GET /{media_id}?phone_number_id=`), then its bytes into a binary property;
 * the JSON is the media's metadata. The URL lasts about 5 minutes, so both run back to back.
 */
export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const property =
		(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string).trim() || 'data';
	const { mediaId, answer } = await mediaRequest.call(this, connection, itemIndex, 'GET');
	const file = await kapsoDownload.call(this, connection, {
		url: String(answer.url ?? ''),
		subject: `the file of media ${mediaId}`,
		itemIndex,
	});
	const mimeType = String(answer.mime_type ?? file.contentType ?? 'application/octet-stream');
	const binary = await this.helpers.prepareBinaryData(
		file.data,
		fileNameFor(mediaId, mimeType),
		mimeType,
	);
	return withBinary(answer, { [property]: binary });
};
