// @ts-check
'use strict';

/** The seeded inboxes and their message templates (WhatsApp in Meta's shape, Twilio content templates). */

/** The secret Chatwoot signs API inbox 1's callback webhooks with (seeded, never in an API answer). */
const API_INBOX_SECRET = 'sandbox-api-inbox-secret';

function whatsappTemplates() {
	return [
		{
			id: '1001',
			name: 'order_confirmation',
			status: 'APPROVED',
			category: 'UTILITY',
			language: 'en_US',
			namespace: 'sandbox_ns',
			parameter_format: 'POSITIONAL',
			components: [
				{ type: 'HEADER', format: 'DOCUMENT' },
				{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} is confirmed.' },
				{
					type: 'BUTTONS',
					buttons: [
						{ type: 'URL', text: 'Track order', url: 'https://shop.example/orders/{{1}}' },
						{ type: 'COPY_CODE', text: 'Copy code', example: ['SAVE20'] },
					],
				},
			],
		},
		{
			id: '1002',
			name: 'appointment_reminder',
			status: 'APPROVED',
			category: 'UTILITY',
			language: 'en',
			namespace: 'sandbox_ns',
			parameter_format: 'NAMED',
			components: [
				{ type: 'HEADER', format: 'TEXT', text: 'Hello {{customer_name}}' },
				{ type: 'BODY', text: 'Your appointment with {{doctor}} is on {{date}}.' },
				{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Confirm' }] },
			],
		},
		{
			id: '1003',
			name: 'summer_promo',
			status: 'APPROVED',
			category: 'MARKETING',
			language: 'pt_BR',
			namespace: 'sandbox_ns',
			parameter_format: 'POSITIONAL',
			components: [
				{ type: 'HEADER', format: 'IMAGE' },
				{ type: 'BODY', text: 'Use {{1}}' },
				{
					type: 'BUTTONS',
					buttons: [{ type: 'COPY_CODE', text: 'Copy code', example: ['VERAO10'] }],
				},
			],
		},
		{
			id: '1004',
			name: 'pending_template',
			status: 'PENDING',
			category: 'UTILITY',
			language: 'en',
			namespace: 'sandbox_ns',
			parameter_format: 'POSITIONAL',
			components: [{ type: 'BODY', text: 'This template is still in review, {{1}}.' }],
		},
		{
			id: '1005',
			name: 'plain_notice',
			status: 'APPROVED',
			category: 'UTILITY',
			language: 'en',
			namespace: 'sandbox_ns',
			parameter_format: 'POSITIONAL',
			components: [{ type: 'BODY', text: 'Our office is closed today. We will reply tomorrow.' }],
		},
	];
}

/** @param {number} now unix seconds */
function twilioContentTemplates(now) {
	return {
		templates: [
			{
				content_sid: 'HX00000000000000000000000000000001',
				friendly_name: 'order_update',
				language: 'en',
				status: 'approved',
				template_type: 'text',
				media_type: null,
				variables: { 1: 'John', 2: 'ORD-1' },
				category: 'utility',
				body: 'Hello {{1}}, your order {{2}} has shipped.',
				created_at: new Date((now - 86400 * 10) * 1000).toISOString(),
				updated_at: new Date((now - 86400 * 10) * 1000).toISOString(),
			},
			{
				content_sid: 'HX00000000000000000000000000000002',
				friendly_name: 'promo_image',
				language: 'en',
				status: 'approved',
				template_type: 'media',
				media_type: 'image',
				variables: { 1: 'SUMMER' },
				category: 'marketing',
				body: 'Use code {{1}} today!',
				created_at: new Date((now - 86400 * 9) * 1000).toISOString(),
				updated_at: new Date((now - 86400 * 9) * 1000).toISOString(),
			},
		],
		last_updated: new Date((now - 3600) * 1000).toISOString(),
	};
}

/** @param {number} now */
function buildInboxes(now) {
	const base = {
		avatar_url: '',
		greeting_enabled: false,
		greeting_message: null,
		working_hours_enabled: false,
		enable_email_collect: true,
		csat_survey_enabled: false,
		enable_auto_assignment: true,
		auto_assignment_config: {},
		out_of_office_message: null,
		working_hours: [],
		timezone: 'UTC',
		callback_webhook_url: null,
		allow_messages_after_resolved: true,
		lock_to_single_conversation: false,
		sender_name_type: 'friendly',
		business_name: null,
		widget_color: null,
		website_url: null,
		hmac_mandatory: false,
		welcome_title: null,
		welcome_tagline: null,
		web_widget_script: null,
		website_token: null,
		selected_feature_flags: null,
		reply_time: null,
		messaging_service_sid: null,
		phone_number: null,
		medium: null,
		provider: null,
	};
	return [
		{
			...base,
			id: 1,
			channel_id: 1,
			name: 'API Inbox',
			channel_type: 'Channel::Api',
			inbox_identifier: 'sandboxApiInboxIdentifier1',
			webhook_url: '',
			secret: API_INBOX_SECRET,
		},
		{
			...base,
			id: 2,
			channel_id: 1,
			name: 'WhatsApp Support',
			channel_type: 'Channel::Whatsapp',
			provider: 'whatsapp_cloud',
			phone_number: '+15550001111',
			message_templates: whatsappTemplates(),
			message_templates_last_updated: new Date((now - 3600) * 1000).toISOString(),
		},
		{
			...base,
			id: 3,
			channel_id: 1,
			name: 'Twilio WhatsApp',
			channel_type: 'Channel::TwilioSms',
			medium: 'whatsapp',
			phone_number: 'whatsapp:+15550002222',
			messaging_service_sid: null,
			content_templates: twilioContentTemplates(now),
		},
		{
			...base,
			id: 4,
			channel_id: 1,
			name: 'Website',
			channel_type: 'Channel::WebWidget',
			website_url: 'https://acme.example',
			website_token: 'sandboxWebsiteToken',
			widget_color: '#1f93ff',
			web_widget_script: '',
		},
		{
			...base,
			id: 5,
			channel_id: 1,
			name: 'Email',
			channel_type: 'Channel::Email',
			email: 'support@acme.example',
			provider: null,
		},
	];
}

module.exports = { buildInboxes, API_INBOX_SECRET };
