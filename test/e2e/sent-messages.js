'use strict';
/**
 * What a sandbox stored as sent, read the way an exactly-once test needs it: per conversation (Chatwoot)
 * or recipient (Kapso), in the order the sandbox stored it, with every text sent more than once.
 * Works on the live arrays of an in-process sandbox and on their JSON over HTTP alike:
 *
 *   const sent = chatwootSent(sandbox.deliveries);              // or await GET /__sandbox/deliveries
 *   const sent = kapsoSent(sandbox.messages('outbound'));       // or await GET /__sandbox/messages?direction=outbound
 *   sent.total; sent.byKey.get(42);      // ['q e0 i42', 'q e0 i142', …] in stored order
 *   sent.duplicates;                     // [{ key, text, count }]: [] when nothing went out twice
 *   sent.texts();                        // every text, in stored order
 */

/**
 * @param {Array<{key: string|number, text: string}>} entries in the order the sandbox stored them
 */
function sentMessages(entries) {
	/** @type {Map<string|number, string[]>} */
	const byKey = new Map();
	/** @type {Map<string, number>} */
	const counts = new Map();
	for (const { key, text } of entries) {
		const list = byKey.get(key) || [];
		list.push(text);
		byKey.set(key, list);
		const id = JSON.stringify([key, text]);
		counts.set(id, (counts.get(id) || 0) + 1);
	}
	const duplicates = [...counts]
		.filter(([, count]) => count > 1)
		.map(([id, count]) => {
			const [key, text] = JSON.parse(id);
			return { key, text, count };
		});
	return {
		total: entries.length,
		byKey,
		duplicates,
		texts: () => entries.map((e) => e.text),
		/** Only the entries whose text matches: a test's own messages among others. @param {RegExp} re */
		matching: (re) => sentMessages(entries.filter((e) => re.test(e.text))),
	};
}

/**
 * Chatwoot sandbox: `deliveries` (every created message; `delivered: true` is what reached the
 * customer's channel), keyed by conversation display id, in creation order (`seq`).
 * @param {Array<{seq: number, conversation_id: number, content: string|null, delivered: boolean}>} deliveries
 */
function chatwootSent(deliveries) {
	return sentMessages(
		[...deliveries]
			.filter((d) => d.delivered)
			.sort((a, b) => a.seq - b.seq)
			.map((d) => ({ key: d.conversation_id, text: d.content ?? '' })),
	);
}

/**
 * Kapso sandbox: the stored outbound messages (oldest first), keyed by recipient (`to`); the text is a
 * text message's body, an interactive message's body text, else the message type.
 * @param {Array<any>} messages what `sb.messages('outbound')` returns
 */
function kapsoSent(messages) {
	return sentMessages(
		messages.map((m) => ({
			key: m.to,
			text:
				(m.text && m.text.body) ||
				(m.interactive && m.interactive.body && m.interactive.body.text) ||
				m.type,
		})),
	);
}

module.exports = { sentMessages, chatwootSent, kapsoSent };
