/**
 * What a WhatsApp (Meta Graph) error code means for the user, and whether the same request may be
 * sent again: a throttled message was refused, not sent, so retrying it cannot send it twice.
 * Codes as Meta documents them; grouped as Kapso's SDK groups them.
 */

/** Throttling: the request was refused for now; retried after a backoff. */
export const THROTTLING_CODES = new Set([4, 80007, 130429, 131048, 131056]);

/** The API key (or the token behind it) is the problem. */
export const KEY_CODES = new Set([0, 190]);

export const OUTSIDE_WINDOW_CODE = 131047;
export const UNDELIVERABLE_CODE = 131026;

export function isTemplateCode(code: number): boolean {
	return code >= 132000 && code <= 132016;
}

export function isMediaCode(code: number): boolean {
	return code >= 131051 && code <= 131053;
}

/** What to do, per code; the error's message keeps Meta's own text and details beside it. */
const ADVICE: Record<number, string> = {
	[OUTSIDE_WINDOW_CODE]:
		'The customer last wrote more than 24 hours ago (or never), so WhatsApp only delivers an approved template. Send a template instead (Message Type → Template).',
	[UNDELIVERABLE_CODE]:
		'WhatsApp could not deliver the message: the number may not use WhatsApp, the person has not accepted WhatsApp’s latest terms, or uses an old app version. Check the number; sending again will not help.',
	131049:
		'WhatsApp chose not to deliver this marketing message to keep engagement healthy. Try again later or reach the person another way.',
	131050: 'The person stopped marketing messages from this business.',
	131031: 'The WhatsApp Business account is locked. Check it in Meta Business Manager.',
	368: 'The account is temporarily blocked for a policy violation. Check Meta Business Manager.',
	130497: 'The business may not send to users in this country.',
	131021: 'The recipient is the sender’s own number.',
	131008: 'A required parameter is missing from the message.',
	131009: 'A parameter value is not valid.',
	133010: 'The sender phone number is not registered with WhatsApp. Finish its set-up in Kapso.',
	100: 'A parameter is not valid: check the fields the error names.',
	132000: 'The number of variables sent does not match the template.',
	132001: 'The template does not exist in this language, or is not approved yet.',
	132005: 'A variable made the template’s text too long.',
	132007:
		'A variable breaks the template’s format rules (for example new lines or more than 4 spaces in a row).',
	132012:
		'A variable has the wrong format for its place in the template (for example text where a currency or media is expected).',
	132015: 'The template is paused by Meta for low quality.',
	132016: 'The template is disabled by Meta.',
};

export function adviceFor(code: number | undefined): string | undefined {
	if (code === undefined) return undefined;
	if (ADVICE[code]) return ADVICE[code];
	if (KEY_CODES.has(code))
		return 'Check the API Key in the Kapso credential (Kapso → Project Settings → API Keys), and that the phone number belongs to its project.';
	if (THROTTLING_CODES.has(code))
		return 'WhatsApp’s rate limit refused the message. Lower "Parallel Recipients", raise the retry attempts, or spread the sends over time.';
	if (isTemplateCode(code))
		return 'The parameters sent do not match the template: the details above name the component and parameter.';
	if (isMediaCode(code))
		return 'WhatsApp could not use the media: check its address (reachable without login), type and size.';
	return undefined;
}
