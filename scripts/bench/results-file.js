'use strict';
/**
 * scripts/bench/last-results.md holds what several benchmarks measured: `npm run bench` writes the
 * top of the file; other benchmarks keep their part in a section of their own between
 *   <!-- bench:<name> --> … <!-- /bench:<name> -->
 * which each one replaces (or appends) alone, and which `npm run bench` keeps when it rewrites the top.
 */
const fs = require('fs');

const SECTION = /<!-- bench:([a-z0-9-]+) -->[\s\S]*?<!-- \/bench:\1 -->\n?/g;

/** The named sections of `text`, as they stand (markers included). @param {string} text */
function sectionsOf(text) {
	return text.match(SECTION) ?? [];
}

/** `file`'s named sections, or '' (for the top's writer to put back after its own text). @param {string} file */
function keptSections(file) {
	if (!fs.existsSync(file)) return '';
	const sections = sectionsOf(fs.readFileSync(file, 'utf8'));
	return sections.length ? `\n${sections.map((s) => s.trimEnd()).join('\n\n')}\n` : '';
}

/**
 * Puts `markdown` in `file` as section `name`: in place of the old one, else at the end.
 * @param {string} file @param {string} name @param {string} markdown
 */
function writeSection(file, name, markdown) {
	const section = `<!-- bench:${name} -->\n${markdown.trim()}\n<!-- /bench:${name} -->\n`;
	const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	const open = `<!-- bench:${name} -->`;
	const start = text.indexOf(open);
	const closing = `<!-- /bench:${name} -->`;
	const end = start === -1 ? -1 : text.indexOf(closing, start);
	const next =
		start !== -1 && end !== -1
			? text.slice(0, start) + section + text.slice(end + closing.length).replace(/^\n/, '')
			: `${text.trimEnd()}${text.trim() ? '\n\n' : ''}${section}`;
	fs.writeFileSync(file, next);
}

module.exports = { keptSections, sectionsOf, writeSection };
