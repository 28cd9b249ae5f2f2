#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Fails on an import cycle or an upward import in the TypeScript sources (nodes/, credentials/).
 * Layers, from top to bottom; a file may import its own layer and the layers below it:
 *
 *   nodes/<Node>/<Node>.node.ts                    the node class
 *   nodes/<Node>/actions/, nodes/<Node>/methods/   operations and the editor's lists (never each other)
 *   nodes/<Node>/composer/                         building a message
 *   nodes/<Node>/helpers/                          readers several operations share
 *   nodes/<Node>/transport/                        the one HTTP door
 *   nodes/shared/                                  what every node uses; imports nothing of a node
 *
 * Another node's transport, helpers, composer and methods may be used (a trigger reuses its
 * sibling's HTTP door); another node's actions and node file may not. credentials/ may use
 * nodes/shared/ only. Type-only imports count: a cycle of types is still a cycle for a reader.
 *
 * Usage: node scripts/check-layers.js [root]   (exit code 1 and one line per problem)
 */

const fs = require('fs');
const path = require('path');
const ts = require('typescript');

/** Rank of each layer: an import must not go to a higher rank. */
const RANK = {
	shared: 0,
	credentials: 1,
	transport: 1,
	helpers: 2,
	composer: 3,
	actions: 4,
	methods: 4,
	node: 5,
};
/** Layers of another node that a node may use. */
const REUSABLE_LAYERS = ['transport', 'helpers', 'composer', 'methods'];

/**
 * @typedef {keyof typeof RANK} LayerName
 * @typedef {{ layer: LayerName, node?: string }} Layer
 */

/**
 * Where a file sits, from its path relative to the root; undefined for a file outside every layer.
 * @param {string} file relative path with forward slashes
 * @returns {Layer | undefined}
 */
function layerOf(file) {
	const parts = file.split('/');
	if (parts[0] === 'credentials') return { layer: 'credentials' };
	if (parts[0] !== 'nodes' || parts.length < 3) return undefined;
	if (parts[1] === 'shared') return { layer: 'shared' };
	const node = parts[1];
	if (parts.length === 3)
		return parts[2] === `${node}.node.ts` ? { layer: 'node', node } : undefined;
	const layer = parts[2];
	if (layer === 'node' || layer === 'shared' || layer === 'credentials') return undefined;
	return Object.prototype.hasOwnProperty.call(RANK, layer)
		? { layer: /** @type {LayerName} */ (layer), node }
		: undefined;
}

/**
 * Why `from` may not import `to`, or undefined when it may.
 * @param {Layer} from
 * @param {Layer} to
 * @returns {string | undefined}
 */
function forbidden(from, to) {
	if (to.layer === 'shared') return undefined;
	if (from.layer === 'shared') return 'nodes/shared/ imports nothing of a node';
	if (from.layer === 'credentials') return 'credentials/ may import nodes/shared/ only';
	if (to.layer === 'credentials') return 'a node never imports a credential file';
	if (from.node !== to.node && !REUSABLE_LAYERS.includes(to.layer))
		return `another node's ${to.layer === 'node' ? 'node file' : to.layer} is not for reuse`;
	if (from.layer === to.layer) return undefined;
	if (RANK[to.layer] === RANK[from.layer])
		return `${from.layer} and ${to.layer} do not import each other`;
	if (RANK[to.layer] > RANK[from.layer]) return `${from.layer} is below ${to.layer}`;
	return undefined;
}

/**
 * Every .ts file under the given folders of root, as relative paths with forward slashes.
 * @param {string} root
 * @returns {string[]}
 */
function sourceFiles(root) {
	/** @type {string[]} */
	const found = [];
	/** @param {string} dir */
	const walk = (dir) => {
		for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
			const rel = `${dir}/${entry.name}`;
			if (entry.isDirectory()) walk(rel);
			else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(rel);
		}
	};
	for (const top of ['nodes', 'credentials']) if (fs.existsSync(path.join(root, top))) walk(top);
	return found.sort();
}

/**
 * The relative imports of a file (import, export … from, require, import()), resolved to files.
 * @param {string} root
 * @param {string} file
 * @returns {Array<{ specifier: string, target: string | undefined }>}
 */
function importsOf(root, file) {
	const text = fs.readFileSync(path.join(root, file), 'utf8');
	const { importedFiles } = ts.preProcessFile(text, true, true);
	return importedFiles
		.map((entry) => entry.fileName)
		.filter((specifier) => specifier.startsWith('.'))
		.map((specifier) => {
			const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
			const target = [`${base}.ts`, `${base}/index.ts`, base].find(
				(candidate) => candidate.endsWith('.ts') && fs.existsSync(path.join(root, candidate)),
			);
			return { specifier, target };
		});
}

/**
 * The strongly connected components of more than one file (or a file importing itself): cycles.
 * @param {Map<string, string[]>} graph
 * @returns {string[][]}
 */
function cyclesOf(graph) {
	let counter = 0;
	/** @type {Map<string, number>} */
	const index = new Map();
	/** @type {Map<string, number>} */
	const low = new Map();
	/** @type {string[]} */
	const stack = [];
	const onStack = new Set();
	/** @type {string[][]} */
	const cycles = [];
	/** @param {string} file */
	const visit = (file) => {
		index.set(file, counter);
		low.set(file, counter);
		counter++;
		stack.push(file);
		onStack.add(file);
		for (const next of graph.get(file) ?? []) {
			if (!index.has(next)) {
				visit(next);
				low.set(file, Math.min(Number(low.get(file)), Number(low.get(next))));
			} else if (onStack.has(next)) {
				low.set(file, Math.min(Number(low.get(file)), Number(index.get(next))));
			}
		}
		if (low.get(file) !== index.get(file)) return;
		/** @type {string[]} */
		const component = [];
		let member;
		do {
			member = /** @type {string} */ (stack.pop());
			onStack.delete(member);
			component.push(member);
		} while (member !== file);
		if (component.length > 1 || (graph.get(file) ?? []).includes(file))
			cycles.push(component.sort());
	};
	for (const file of graph.keys()) if (!index.has(file)) visit(file);
	return cycles;
}

/**
 * Checks the tree below root; returns one line per problem (empty when all is well).
 * @param {string} root
 * @returns {string[]}
 */
function checkLayers(root) {
	/** @type {string[]} */
	const problems = [];
	/** @type {Map<string, string[]>} */
	const graph = new Map();
	for (const file of sourceFiles(root)) {
		const from = layerOf(file);
		if (!from) {
			problems.push(`${file}: in no layer (see scripts/check-layers.js for where files go)`);
		}
		/** @type {string[]} */
		const targets = [];
		for (const { specifier, target } of importsOf(root, file)) {
			if (!target) {
				problems.push(`${file}: imports '${specifier}', which is no TypeScript file here`);
				continue;
			}
			targets.push(target);
			const to = layerOf(target);
			if (!from || !to) {
				if (from && !to) problems.push(`${file}: imports ${target}, which is in no layer`);
				continue;
			}
			const why = forbidden(from, to);
			if (why) problems.push(`${file}: upward import of ${target} (${why})`);
		}
		graph.set(file, targets);
	}
	for (const cycle of cyclesOf(graph)) problems.push(`import cycle: ${cycle.join(' ⇄ ')}`);
	return problems;
}

module.exports = { checkLayers, layerOf };

if (require.main === module) {
	const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
	const problems = checkLayers(root);
	for (const problem of problems) console.error(problem);
	if (problems.length > 0) {
		console.error(
			`check-layers: ${problems.length} problem(s); ARCHITECTURE.md says which way imports go`,
		);
		process.exit(1);
	}
	console.log(`check-layers: ${sourceFiles(root).length} files, no cycle, no upward import`);
}
