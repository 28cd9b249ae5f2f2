// @ts-check
'use strict';

/**
 * How the Platform API and the legacy API show what the store holds: a phone number (Platform
 * `PhoneNumber`, legacy `WhatsappConfig`), a legacy `WhatsappMessage` and `WhatsappConversation`.
 * The proxy's shapes (Meta message + kapso, conversation, contact) live in store.js.
 */

const {
	iso,
	MEDIA_TYPES,
	mediaInfo,
	messageContent,
	messageTypeData,
	conversationJson,
	phoneNumberById,
} = require('./store');

/** A message as the legacy API's WhatsappMessage. */
function legacyMessage(/** @type {any} */ S, /** @type {any} */ m) {
	const info = MEDIA_TYPES.includes(m.type) ? mediaInfo(S, m.content) : null;
	return {
		id: m.kapso_id,
		phone_number: `+${m.wa_id}`,
		message_type: m.type,
		content: messageContent(S, m),
		direction: m.direction,
		status: m.status,
		processing_status: 'processed',
		whatsapp_message_id: m.wamid,
		metadata: m.metadata || {},
		media_url: info ? info.url : null,
		message_type_data: messageTypeData(m) || {},
		created_at: iso(m.created_at),
		updated_at: iso(m.updated_at || m.created_at),
	};
}

/** A conversation as the legacy API shows it. */
function legacyConversation(/** @type {any} */ S, /** @type {any} */ conv) {
	const j = conversationJson(S, conv);
	const pn = phoneNumberById(S, conv.phone_number_id);
	return {
		id: conv.id,
		phone_number: j.phone_number,
		status: conv.status,
		last_active_at: j.last_active_at,
		contact_name: j.kapso.contact_name,
		whatsapp_config_id: pn.internal_id,
		created_at: j.created_at,
		updated_at: j.updated_at,
	};
}

/** A phone number as the Platform API shows it. */
function platformPhoneNumber(/** @type {any} */ p) {
	return {
		id: p.phone_number_id,
		internal_id: p.internal_id,
		phone_number_id: p.phone_number_id,
		name: p.name,
		business_account_id: p.business_account_id,
		display_name: p.name,
		display_phone_number: p.display_phone_number,
		display_phone_number_normalized: p.display_phone_number_normalized,
		verified_name: p.verified_name,
		quality_rating: p.quality_rating,
		status: p.status,
		is_coexistence: false,
		inbound_processing_enabled: true,
		calls_enabled: false,
		customer_id: p.customer_id,
		created_at: p.created_at,
		updated_at: p.updated_at,
	};
}

/** A phone number as the legacy API's WhatsappConfig. */
function legacyConfig(/** @type {any} */ p) {
	return {
		id: p.internal_id,
		name: p.name,
		display_name: `${p.name} (${p.display_phone_number})`,
		phone_number_id: p.phone_number_id,
		business_account_id: p.business_account_id,
		kind: 'production',
		display_phone_number: p.display_phone_number,
		display_phone_number_normalized: p.display_phone_number_normalized,
		is_coexistence: false,
		webhook_verified_at: p.created_at,
		customer_id: p.customer_id,
		inbound_processing_enabled: true,
		calls_enabled: false,
		created_at: p.created_at,
		updated_at: p.updated_at,
	};
}

module.exports = { legacyMessage, legacyConversation, platformPhoneNumber, legacyConfig };
