/**
 * A service address as a credential holds it (`https://host[:port][/path]`), checked on the text
 * before any parser: URL parsers disagree on backslashes, user info, queries and fragments, and a
 * password or a token in them must never be printed. `label` names the field in the problem
 * ("Base URL in the Chatwoot credential"). The address comes back trimmed, otherwise unchanged.
 */
export function checkServiceAddress(
	raw: unknown,
	label: string,
): { address: string } | { problem: string } {
	const text = String(raw ?? '').trim();
	const mustNot = (what: string) => ({ problem: `${label} must not contain ${what}` });
	const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(text)?.[1] ?? text.split('/')[0];
	if (text.includes('\\')) return mustNot('a backslash');
	if (authority.includes('@')) return mustNot('a user name or password (…@)');
	if (text.includes('?')) return mustNot('a query string (?…)');
	if (text.includes('#')) return mustNot('a fragment (#…)');
	const port = /^(?:\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(authority)?.[1];
	if (port !== undefined && (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535))
		return mustNot('an invalid port');
	let parsed: URL | undefined;
	try {
		parsed = new URL(text);
	} catch {
		parsed = undefined;
	}
	if (!parsed || !/^https?:$/.test(parsed.protocol) || !parsed.hostname || /\s/.test(text)) {
		return {
			problem: `${label} must be an http:// or https:// address (got ${JSON.stringify(text)})`,
		};
	}
	return { address: text };
}
