import type { IDataObject } from 'n8n-workflow';

const CHANNELS: Record<string, string> = {
	'Channel::Api': 'API',
	'Channel::Email': 'Email',
	'Channel::FacebookPage': 'Facebook',
	'Channel::Instagram': 'Instagram',
	'Channel::Line': 'LINE',
	'Channel::Sms': 'SMS',
	'Channel::Telegram': 'Telegram',
	'Channel::TwitterProfile': 'Twitter',
	'Channel::WebWidget': 'Website',
	'Channel::Whatsapp': 'WhatsApp',
};

const PROVIDERS: Record<string, string> = { whatsapp_cloud: 'Cloud', default: '360dialog' };

/** A human name for an inbox's channel: "WhatsApp (Cloud)", "Twilio WhatsApp", "Website"… */
export function channelLabel(inbox: IDataObject): string {
	const channel = String(inbox.channel_type ?? '');
	if (channel === 'Channel::TwilioSms')
		return inbox.medium === 'whatsapp' ? 'Twilio WhatsApp' : 'Twilio SMS';
	const label = CHANNELS[channel] ?? (channel.replace(/^Channel::/, '') || 'unknown channel');
	const provider =
		channel === 'Channel::Whatsapp' ? PROVIDERS[String(inbox.provider ?? '')] : undefined;
	return provider ? `${label} (${provider})` : label;
}

export type TemplateInboxKind = 'whatsapp' | 'twilio' | undefined;

/** Which template store an inbox has: WhatsApp Cloud/360dialog, Twilio WhatsApp, or none. */
export function templateInboxKind(inbox: IDataObject): TemplateInboxKind {
	const channel = String(inbox.channel_type ?? '');
	if (channel === 'Channel::Whatsapp') return 'whatsapp';
	if (channel === 'Channel::TwilioSms' && String(inbox.medium ?? '') === 'whatsapp')
		return 'twilio';
	return undefined;
}

/** Which inboxes can send templates, as told to users both at execution and in the editor's lists. */
export const TEMPLATE_INBOXES =
	'templates are sent from WhatsApp inboxes (WhatsApp Cloud, 360dialog or Twilio WhatsApp)';
