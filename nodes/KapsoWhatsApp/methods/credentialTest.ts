import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import {
	checkKapsoAddresses,
	credentialProbe,
	cut,
	readFailure,
	redactor,
	surfaceRoot,
	type ProbeResponse,
} from '../transport';

/** How many numbers the test names; the count covers all of them. */
const NAMED_NUMBERS = 5;

/**
 * Lists the project's WhatsApp numbers with the key (`GET /platform/v1/whatsapp/phone_numbers`)
 * and says what it sees: how many numbers, and the first few by name and number.
 */
export async function kapsoApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const apiKey = String(data.apiKey ?? '');
	const redact = redactor([apiKey]);
	const fail = (message: string): INodeCredentialTestResult => ({
		status: 'Error',
		message: redact(message),
	});
	const checked = checkKapsoAddresses(data);
	if ('problem' in checked) return fail(checked.problem);
	if (!apiKey.trim()) return fail('API Key is empty');

	const url = `${surfaceRoot(checked, 'platform')}/whatsapp/phone_numbers?per_page=${NAMED_NUMBERS}`;
	let response: ProbeResponse;
	try {
		response = await credentialProbe(this.helpers, url, apiKey);
	} catch (error) {
		const code =
			(error as { code?: string; cause?: { code?: string } }).code ??
			(error as { cause?: { code?: string } }).cause?.code;
		return fail(
			`Could not reach ${checked.baseUrl}${code ? ` (${code})` : ''}. Check the Base URL and that n8n can reach it.`,
		);
	}
	const status = response.statusCode;
	const said = readFailure(response.body).message;
	if (status >= 300 && status < 400)
		return fail(
			`${checked.baseUrl} answered ${status} (a redirect), which is not followed so that the key goes nowhere else. Use the address the API is served from.`,
		);
	if (status === 401 || status === 403)
		return fail(`Kapso rejected the API key: ${cut(said ?? `HTTP ${status}`)}`);
	const body = response.body as IDataObject | undefined;
	if (status !== 200 || !body || typeof body !== 'object' || !Array.isArray(body.data))
		return fail(
			`${checked.baseUrl} did not answer like Kapso's Platform API (HTTP ${status}${said ? `: ${cut(said)}` : ''}). Check the Base URL.`,
		);
	const numbers = body.data as IDataObject[];
	const meta = (body.meta ?? {}) as IDataObject;
	const total = typeof meta.total_count === 'number' ? meta.total_count : numbers.length;
	if (total === 0)
		return {
			status: 'OK',
			message:
				'The API key works, but its project has no WhatsApp number yet: connect one in Kapso before sending',
		};
	const named = numbers
		.slice(0, NAMED_NUMBERS)
		.map((number) =>
			[number.name ?? number.verified_name, number.display_phone_number]
				.filter((part) => part !== undefined && part !== null && String(part) !== '')
				.join(' '),
		)
		.join(', ');
	const more = total > NAMED_NUMBERS ? ` and ${total - NAMED_NUMBERS} more` : '';
	return {
		status: 'OK',
		message: `The API key sees ${total} WhatsApp number${total === 1 ? '' : 's'}: ${named}${more}`,
	};
}
