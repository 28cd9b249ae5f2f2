import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { fieldError } from '../../shared/fieldError';
import { normalizePhone } from '../helpers/recipient';
import type { InteractiveText, ListSection, MediaSource, MessageDraft } from './draft';
import { checkLength, httpUrl, LIMITS, optionalText, requiredText } from './limits';
import { isMediaKind, type MediaKind } from './messageTypes';

/**
 * Reads the content fields of one item into a draft, checking each against WhatsApp's limits
 * first: every error names the field and the item, and nothing has been sent.
 */
export function readDraft(
	this: IExecuteFunctions,
	itemIndex: number,
	messageType: string,
): MessageDraft {
	const node = this.getNode();
	const read = (name: string, fallback: unknown = '') =>
		this.getNodeParameter(name, itemIndex, fallback) as unknown;
	if (isMediaKind(messageType)) return readMedia.call(this, node, itemIndex, messageType);
	switch (messageType) {
		case 'text':
			return {
				kind: 'text',
				body: requiredText(node, itemIndex, 'Text', read('text'), LIMITS.textBody),
				previewUrl: read('previewUrl', false) === true,
			};
		case 'location':
			return readLocation(node, itemIndex, read);
		case 'contacts':
			return {
				kind: 'contacts',
				cards: readContactCards(node, itemIndex, read('contactCards', {})),
			};
		case 'buttons':
			return {
				kind: 'buttons',
				...readInteractiveText(node, itemIndex, read, LIMITS.interactiveBody),
				buttons: readButtons(node, itemIndex, read('replyButtons', {})),
			};
		case 'list':
			return {
				kind: 'list',
				...readInteractiveText(node, itemIndex, read, LIMITS.listBody),
				buttonText: requiredText(
					node,
					itemIndex,
					'List Button Text',
					read('listButtonText'),
					LIMITS.listButtonText,
				),
				sections: readListSections(node, itemIndex, read('listRows', {})),
			};
		case 'ctaUrl':
			return {
				kind: 'ctaUrl',
				...readInteractiveText(node, itemIndex, read, LIMITS.interactiveBody),
				displayText: requiredText(
					node,
					itemIndex,
					'Button Text',
					read('ctaDisplayText'),
					LIMITS.ctaDisplayText,
				),
				url: httpUrl(node, itemIndex, 'Button URL', read('ctaUrl')),
			};
		case 'reaction':
			return {
				kind: 'reaction',
				messageId: requiredText(node, itemIndex, 'Message ID', read('reactionMessageId')).trim(),
				emoji: readEmoji(node, itemIndex, read('reactionEmoji')),
			};
		default:
			throw fieldError(
				node,
				itemIndex,
				'Message Type',
				`"${messageType}" is not a message type this operation can send`,
			);
	}
}

type Read = (name: string, fallback?: unknown) => unknown;

function readMedia(
	this: IExecuteFunctions,
	node: INode,
	itemIndex: number,
	mediaKind: MediaKind,
): MessageDraft {
	const read = (name: string, fallback: unknown = '') =>
		this.getNodeParameter(name, itemIndex, fallback) as unknown;
	const sourceKind = String(read('mediaSource', 'url'));
	let source: MediaSource;
	if (sourceKind === 'id')
		source = { id: requiredText(node, itemIndex, 'Media ID', read('mediaId')).trim() };
	else if (sourceKind === 'binary')
		source = {
			binaryProperty: requiredText(
				node,
				itemIndex,
				'Input Binary Field',
				read('binaryPropertyName', 'data'),
			).trim(),
		};
	else source = { link: httpUrl(node, itemIndex, 'Media URL', read('mediaUrl')) };
	const withCaption = mediaKind === 'image' || mediaKind === 'video' || mediaKind === 'document';
	let filename =
		mediaKind === 'document'
			? optionalText(node, itemIndex, 'File Name', read('filename'), LIMITS.filename)
			: undefined;
	if (filename === undefined && mediaKind === 'document' && 'binaryProperty' in source) {
		const name = this.getInputData()[itemIndex]?.binary?.[source.binaryProperty]?.fileName;
		if (name) filename = [...name].slice(0, LIMITS.filename).join('');
	}
	return {
		kind: 'media',
		mediaKind,
		source,
		caption: withCaption
			? optionalText(node, itemIndex, 'Caption', read('caption'), LIMITS.caption)
			: undefined,
		filename,
		voice: mediaKind === 'audio' && read('voice', false) === true,
	};
}

function readLocation(node: INode, itemIndex: number, read: Read): MessageDraft {
	const coordinate = (field: string, name: string, max: number) => {
		const raw = read(name, undefined);
		const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
		if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > max)
			throw fieldError(
				node,
				itemIndex,
				field,
				`must be a number from -${max} to ${max} (got ${JSON.stringify(raw)})`,
			);
		return value;
	};
	return {
		kind: 'location',
		latitude: coordinate('Latitude', 'latitude', 90),
		longitude: coordinate('Longitude', 'longitude', 180),
		name: optionalText(node, itemIndex, 'Location Name', read('locationName'), LIMITS.locationName),
		address: optionalText(
			node,
			itemIndex,
			'Location Address',
			read('locationAddress'),
			LIMITS.locationAddress,
		),
	};
}

function readInteractiveText(
	node: INode,
	itemIndex: number,
	read: Read,
	bodyMax: number,
): InteractiveText {
	return {
		body: requiredText(node, itemIndex, 'Body Text', read('bodyText'), bodyMax),
		header: optionalText(node, itemIndex, 'Header Text', read('headerText'), LIMITS.header),
		footer: optionalText(node, itemIndex, 'Footer Text', read('footerText'), LIMITS.footer),
	};
}

function entries(raw: unknown, key: string): IDataObject[] {
	const value = raw && typeof raw === 'object' ? (raw as IDataObject)[key] : undefined;
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}

function readButtons(
	node: INode,
	itemIndex: number,
	raw: unknown,
): Array<{ id: string; title: string }> {
	const rows = entries(raw, 'button');
	if (rows.length < LIMITS.buttonsMin || rows.length > LIMITS.buttonsMax)
		throw fieldError(
			node,
			itemIndex,
			'Buttons',
			`${rows.length} given; WhatsApp takes 1 to 3 reply buttons`,
		);
	const seen = new Set<string>();
	return rows.map((row, index) => {
		const label = `Buttons → Button ${index + 1}`;
		const title = requiredText(node, itemIndex, `${label} → Title`, row.title, LIMITS.buttonTitle);
		const id =
			optionalText(node, itemIndex, `${label} → ID`, row.id, LIMITS.buttonId)?.trim() ??
			title.trim();
		if (seen.has(id))
			throw fieldError(
				node,
				itemIndex,
				`${label} → ID`,
				`"${id}" is used by another button; each button needs its own ID`,
			);
		seen.add(id);
		return { id, title };
	});
}

function readListSections(node: INode, itemIndex: number, raw: unknown): ListSection[] {
	const rows = entries(raw, 'row');
	if (rows.length === 0)
		throw fieldError(node, itemIndex, 'Rows', 'the list has no row; add 1 to 10');
	if (rows.length > LIMITS.rowsMax)
		throw fieldError(
			node,
			itemIndex,
			'Rows',
			`${rows.length} given; WhatsApp takes at most ${LIMITS.rowsMax} rows in all`,
		);
	const sections = new Map<string, ListSection>();
	const ids = new Set<string>();
	rows.forEach((row, index) => {
		const label = `Rows → Row ${index + 1}`;
		const section =
			optionalText(
				node,
				itemIndex,
				`${label} → Section Title`,
				row.section,
				LIMITS.sectionTitle,
			)?.trim() ?? '';
		const title = requiredText(node, itemIndex, `${label} → Title`, row.title, LIMITS.rowTitle);
		const id =
			optionalText(node, itemIndex, `${label} → ID`, row.id, LIMITS.rowId)?.trim() ?? title.trim();
		if (ids.has(id))
			throw fieldError(
				node,
				itemIndex,
				`${label} → ID`,
				`"${id}" is used by another row; each row needs its own ID`,
			);
		ids.add(id);
		const description = optionalText(
			node,
			itemIndex,
			`${label} → Description`,
			row.description,
			LIMITS.rowDescription,
		);
		let entry = sections.get(section);
		if (!entry) {
			entry = section ? { title: section, rows: [] } : { rows: [] };
			sections.set(section, entry);
		}
		entry.rows.push(description === undefined ? { id, title } : { id, title, description });
	});
	if (sections.size > LIMITS.sectionsMax)
		throw fieldError(
			node,
			itemIndex,
			'Rows',
			`${sections.size} sections; WhatsApp takes at most ${LIMITS.sectionsMax}`,
		);
	if (sections.size > 1 && sections.has(''))
		throw fieldError(
			node,
			itemIndex,
			'Rows',
			'some rows have a Section Title and some do not; with more than one section, every row needs one',
		);
	return [...sections.values()];
}

function readContactCards(node: INode, itemIndex: number, raw: unknown): IDataObject[] {
	const cards = entries(raw, 'card');
	if (cards.length === 0)
		throw fieldError(node, itemIndex, 'Contact Cards', 'add at least one card');
	if (cards.length > LIMITS.contactsMax)
		throw fieldError(
			node,
			itemIndex,
			'Contact Cards',
			`${cards.length} given; at most ${LIMITS.contactsMax}`,
		);
	return cards.map((card, index) => {
		const label = `Contact Cards → Card ${index + 1}`;
		const text = (field: string, value: unknown) =>
			optionalText(node, itemIndex, `${label} → ${field}`, value)?.trim();
		const name: IDataObject = {
			formatted_name: requiredText(
				node,
				itemIndex,
				`${label} → Full Name`,
				card.formattedName,
			).trim(),
		};
		const firstName = text('First Name', card.firstName);
		const lastName = text('Last Name', card.lastName);
		if (firstName) name.first_name = firstName;
		if (lastName) name.last_name = lastName;
		const result: IDataObject = { name };
		const phone = text('Phone', card.phone);
		if (phone) {
			const checked = normalizePhone(phone);
			const entry: IDataObject = {
				phone: 'e164' in checked ? checked.e164 : phone,
				type: String(card.phoneType || 'CELL'),
			};
			const waId = text('WhatsApp ID', card.waId);
			if (waId) {
				if (!/^\d{8,15}$/.test(waId))
					throw fieldError(
						node,
						itemIndex,
						`${label} → WhatsApp ID`,
						`must be digits only, such as 15550100001 (got ${JSON.stringify(waId)})`,
					);
				entry.wa_id = waId;
			}
			result.phones = [entry];
		}
		const email = text('Email', card.email);
		if (email) {
			if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
				throw fieldError(
					node,
					itemIndex,
					`${label} → Email`,
					`is not an email address (got ${JSON.stringify(email)})`,
				);
			result.emails = [{ email, type: 'WORK' }];
		}
		const company = text('Company', card.company);
		if (company) result.org = { company };
		const url = text('Website', card.url);
		if (url)
			result.urls = [{ url: httpUrl(node, itemIndex, `${label} → Website`, url), type: 'WORK' }];
		const birthday = text('Birthday', card.birthday);
		if (birthday) {
			if (!/^\d{4}-\d{2}-\d{2}$/.test(birthday))
				throw fieldError(
					node,
					itemIndex,
					`${label} → Birthday`,
					`must be YYYY-MM-DD (got ${JSON.stringify(birthday)})`,
				);
			result.birthday = birthday;
		}
		return result;
	});
}

/** One emoji (a grapheme of a few code points, with skin tones and joiners), or empty to remove. */
function readEmoji(node: INode, itemIndex: number, raw: unknown): string {
	const emoji = String(raw ?? '').trim();
	if (emoji === '') return '';
	checkLength(node, itemIndex, 'Emoji', emoji, 10);
	if (/[\p{L}\p{N}\s]/u.test(emoji))
		throw fieldError(node, itemIndex, 'Emoji', `must be one emoji (got ${JSON.stringify(emoji)})`);
	return emoji;
}
