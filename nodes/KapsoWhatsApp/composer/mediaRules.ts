import type { MediaKind } from './messageTypes';

/**
 * What WhatsApp accepts per media kind (NOTES §2d, Meta's limits): MIME types and the largest
 * file. A sticker may be 100 KB static or 500 KB animated; the file cannot tell, so 500 KB.
 */
export const MEDIA_RULES: Record<
	MediaKind,
	{ mimeTypes: string[]; maxBytes: number; label: string }
> = {
	image: {
		mimeTypes: ['image/jpeg', 'image/png'],
		maxBytes: 5 * 1024 * 1024,
		label: 'JPEG or PNG',
	},
	video: {
		mimeTypes: ['video/mp4', 'video/3gpp'],
		maxBytes: 16 * 1024 * 1024,
		label: 'MP4 or 3GP',
	},
	audio: {
		mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
		maxBytes: 16 * 1024 * 1024,
		label: 'AAC, AMR, MP3, M4A or OGG',
	},
	document: {
		mimeTypes: [
			'application/pdf',
			'application/msword',
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'application/vnd.ms-excel',
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'application/vnd.ms-powerpoint',
			'application/vnd.openxmlformats-officedocument.presentationml.presentation',
			'text/plain',
		],
		maxBytes: 100 * 1024 * 1024,
		label: 'PDF, Word, Excel, PowerPoint or text',
	},
	sticker: { mimeTypes: ['image/webp'], maxBytes: 500 * 1024, label: 'WEBP' },
};

/** A voice note must be OGG (OPUS codec). */
export const VOICE_MIME_TYPE = 'audio/ogg';

export function describeSize(bytes: number): string {
	return bytes >= 1024 * 1024
		? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
		: `${Math.ceil(bytes / 1024)} KB`;
}
