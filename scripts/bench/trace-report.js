/**
 * `node scripts/bench/trace-report.js <file>`: what scripts/bench/trace-hook.js recorded in one n8n
 * run of sequential sends (one conversation), per request: medians of the time from an answer to the
 * next request's creation (n8n and the node between two sends), from creation to written (n8n's HTTP
 * client, a new TCP connection each time), and on the wire; and how much expression evaluation ran
 * before the first request and between an answer and the next write (the critical path).
 */
'use strict';

const fs = require('fs');

/** @typedef {{ created: number, connected?: number, written: number, answered: number, ended: number }} Traced */

const { requests, evaluations } = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const sent = /** @type {Traced[]} */ (requests)
	.filter((/** @type {Traced} */ r) => r.ended !== undefined)
	.sort((/** @type {Traced} */ a, /** @type {Traced} */ b) => a.created - b.created);
/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** @param {number} a0 @param {number} a1 @param {number} b0 @param {number} b1 */
const overlap = (a0, a1, b0, b1) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

const between = sent.slice(1).map((r, i) => ({ previous: sent[i], next: r }));
const evaluated = /** @type {Array<[number, number]>} */ (evaluations);
const onCriticalPath = between.map(({ previous, next }) =>
	evaluated.reduce(
		(sum, [start, end]) => sum + overlap(previous.ended, next.written, start, end),
		0,
	),
);
const beforeFirst = evaluated
	.filter(([, end]) => end <= sent[0].created)
	.reduce((sum, [start, end]) => sum + end - start, 0);
const ms = (/** @type {number} */ value) => `${value.toFixed(2)} ms`;
console.log(`requests: ${sent.length}, expression evaluations: ${evaluated.length}`);
console.log(
	`answer → next request created (median): ${ms(median(between.map(({ previous, next }) => next.created - previous.ended)))}`,
);
console.log(
	`created → written (median):              ${ms(median(sent.map((r) => r.written - r.created)))}`,
);
console.log(
	`written → answered (median):             ${ms(median(sent.map((r) => r.answered - r.written)))}`,
);
console.log(`expression evaluation before the first request: ${ms(beforeFirst)}`);
console.log(
	`expression evaluation between an answer and the next write, per request: ${ms(onCriticalPath.reduce((a, b) => a + b, 0) / between.length)}`,
);
