import { privateAddressReason } from '../../nodes/shared/webhooks';

describe('privateAddressReason', () => {
	it.each([
		['http://localhost:5678/webhook/x', 'localhost is the local machine'],
		['http://n8n.localhost/webhook/x', 'n8n.localhost is the local machine'],
		['http://127.0.0.1:5678/webhook/x', '127.0.0.1 is a loopback address'],
		['http://10.1.2.3/webhook/x', '10.1.2.3 is a private address'],
		['http://172.16.0.1/x', '172.16.0.1 is a private address'],
		['http://172.31.255.255/x', '172.31.255.255 is a private address'],
		['http://192.168.1.20/x', '192.168.1.20 is a private address'],
		['http://169.254.169.254/x', '169.254.169.254 is a link-local address'],
		['http://100.64.0.1/x', '100.64.0.1 is a shared (carrier-grade NAT) address'],
		['http://0.0.0.0:5678/x', '0.0.0.0 is an unspecified address'],
		['http://[::1]:5678/x', '[::1] is a loopback address'],
		['http://[fd00::1]/x', '[fd00::1] is a private (unique local) address'],
		['http://[fe80::1]/x', '[fe80::1] is a link-local address'],
		['http://[::ffff:127.0.0.1]/x', '127.0.0.1 is a loopback address'],
		['http://n8n:5678/webhook/x', 'n8n is a name that only resolves inside a network'],
		[
			'http://n8n.internal/x',
			'n8n.internal is a name that only resolves inside a network (.internal)',
		],
		['http://box.local/x', 'box.local is a name that only resolves inside a network (.local)'],
	])('%s looks private', (url, reason) => {
		expect(privateAddressReason(url)).toBe(reason);
	});

	it.each([
		'https://n8n.example.com/webhook/x',
		'https://172.32.0.1/x',
		'https://172.15.255.255/x',
		'https://8.8.8.8/x',
		'https://100.128.0.1/x',
		'https://[2001:db8::1]/x',
		'not a url',
	])('%s does not', (url) => {
		expect(privateAddressReason(url)).toBeUndefined();
	});
});
