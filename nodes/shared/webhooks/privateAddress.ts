/**
 * Why a URL's host looks private or loopback (the reason, for a notice), or undefined when it
 * looks public. Decided on the URL alone, without a DNS lookup: literal addresses in private,
 * loopback, link-local, shared (CGNAT) and unspecified ranges; `localhost`; names that only
 * resolve inside a network (no dot, `.local`, `.internal`, `.lan`, `.home.arpa`, `.docker`).
 * Services with SSRF protection (Chatwoot's SafeFetch) refuse to deliver webhooks to such hosts.
 */
export function privateAddressReason(url: string): string | undefined {
	let host: string;
	try {
		host = new URL(url).hostname.toLowerCase();
	} catch {
		return undefined;
	}
	if (host.startsWith('[') && host.endsWith(']')) return ipv6Reason(host.slice(1, -1));
	const ipv4 = ipv4Reason(host);
	if (ipv4 !== null) return ipv4;
	if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is the local machine`;
	if (!host.includes('.')) return `${host} is a name that only resolves inside a network`;
	const internal = INTERNAL_SUFFIXES.find((suffix) => host.endsWith(suffix));
	if (internal) return `${host} is a name that only resolves inside a network (${internal})`;
	return undefined;
}

const INTERNAL_SUFFIXES = ['.local', '.internal', '.lan', '.home.arpa', '.docker', '.intranet'];

/** [first address, prefix length, what the range is] */
const IPV4_RANGES: Array<[string, number, string]> = [
	['0.0.0.0', 8, 'an unspecified address'],
	['10.0.0.0', 8, 'a private address'],
	['100.64.0.0', 10, 'a shared (carrier-grade NAT) address'],
	['127.0.0.0', 8, 'a loopback address'],
	['169.254.0.0', 16, 'a link-local address'],
	['172.16.0.0', 12, 'a private address'],
	['192.168.0.0', 16, 'a private address'],
	['198.18.0.0', 15, 'a benchmarking address'],
];

function ipv4Number(text: string): number | undefined {
	const parts = text.split('.');
	if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255))
		return undefined;
	return parts.reduce((sum, part) => sum * 256 + Number(part), 0);
}

/** The reason for a dotted IPv4 address (null: not an IPv4 address; undefined: a public one). */
function ipv4Reason(host: string): string | undefined | null {
	const address = ipv4Number(host);
	if (address === undefined) return null;
	for (const [first, prefix, what] of IPV4_RANGES) {
		const size = 2 ** (32 - prefix);
		const start = ipv4Number(first) as number;
		if (address >= start && address < start + size) return `${host} is ${what}`;
	}
	return undefined;
}

function ipv6Reason(host: string): string | undefined {
	if (host === '::1') return `[${host}] is a loopback address`;
	if (host === '::') return `[${host}] is an unspecified address`;
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
	if (mapped) return ipv4Reason(mapped[1]) ?? undefined;
	// Node's URL writes a mapped IPv4 address in hex: ::ffff:7f00:1.
	const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
	if (mappedHex) {
		const high = parseInt(mappedHex[1], 16);
		const low = parseInt(mappedHex[2], 16);
		const dotted = [high >> 8, high & 255, low >> 8, low & 255].join('.');
		return ipv4Reason(dotted) ?? undefined;
	}
	const first = parseInt(host.split(':')[0] || '0', 16);
	if ((first & 0xfe00) === 0xfc00) return `[${host}] is a private (unique local) address`;
	if ((first & 0xffc0) === 0xfe80) return `[${host}] is a link-local address`;
	return undefined;
}
