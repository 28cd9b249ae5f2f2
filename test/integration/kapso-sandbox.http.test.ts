/**
 * The Kapso sandbox seen from TypeScript, the way the Kapso node's tests use it: the helper, its
 * types, a send over HTTP with no violations, and a signed delivery read back from the record.
 */
import { createHmac } from 'crypto';
import { startKapsoSandbox, type KapsoSandbox } from '../helpers/kapsoSandbox';

describe('Kapso sandbox from TypeScript', () => {
	let sb: KapsoSandbox;
	beforeAll(async () => {
		sb = await startKapsoSandbox();
	});
	afterAll(async () => await sb.close());
	beforeEach(() => sb.reset());

	it('sends a text inside the window with no violations and records the request', async () => {
		const res = await fetch(`${sb.url}/meta/whatsapp/v24.0/${sb.ids.phoneNumber}/messages`, {
			method: 'POST',
			headers: { 'X-API-Key': sb.apiKey, 'Content-Type': 'application/json' },
			body: JSON.stringify({
				messaging_product: 'whatsapp',
				to: sb.ids.insideWindow,
				type: 'text',
				text: { body: 'Hello from TypeScript' },
			}),
		});
		expect(res.status).toBe(200);
		expect(sb.violations).toEqual([]);
		const [request] = sb.requests;
		expect(request).toMatchObject({ method: 'POST', keyKind: 'project1', status: 200 });
		expect(request.headers['x-api-key']).toBe('<redacted>');
	});

	it('records a delivery whose signature is the HMAC of its exact body', async () => {
		const secret = 'ts-secret';
		await fetch(`${sb.url}/platform/v1/whatsapp/phone_numbers/${sb.ids.phoneNumber}/webhooks`, {
			method: 'POST',
			headers: { 'X-API-Key': sb.apiKey, 'Content-Type': 'application/json' },
			body: JSON.stringify({
				whatsapp_webhook: {
					url: 'http://127.0.0.1:9/unreachable',
					events: ['whatsapp.message.received'],
					secret_key: secret,
				},
			}),
		});
		sb.customerWrites({ from: sb.ids.insideWindow, type: 'text', text: 'hi' });
		await sb.webhooksSettled();
		const [delivery] = sb.webhookDeliveries;
		expect(delivery.state).toBe('failed');
		expect(delivery.attempts).toHaveLength(4);
		expect(delivery.signature).toBe(
			createHmac('sha256', secret).update(delivery.body).digest('hex'),
		);
	});
});
