'use strict';
/**
 * scripts/bench/results-file.js (each benchmark owns one section of last-results.md) and
 * test/e2e/sent-messages.js + queue-workflows.js checkSends (what the queue-mode test and bench
 * conclude from the sandboxes' logs).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const { keptSections, writeSection } = require('../../scripts/bench/results-file');
const { chatwootSent, kapsoSent } = require('../e2e/sent-messages');
const { checkSends } = require('../e2e/queue-workflows');

describe('last-results.md sections', () => {
	let dir;
	let file;
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-results-'));
		file = path.join(dir, 'last-results.md');
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	test('a section is appended after the top, then replaced in place, the rest untouched', () => {
		fs.writeFileSync(file, 'Top table\n\n## Notes\n\ntext\n');
		writeSection(file, 'queue', '## Queue mode\n\n1.0/s');
		expect(fs.readFileSync(file, 'utf8')).toBe(
			'Top table\n\n## Notes\n\ntext\n\n<!-- bench:queue -->\n## Queue mode\n\n1.0/s\n<!-- /bench:queue -->\n',
		);
		fs.appendFileSync(file, '\nhand-written after it\n');
		writeSection(file, 'queue', '## Queue mode\n\n2.0/s\n');
		expect(fs.readFileSync(file, 'utf8')).toBe(
			'Top table\n\n## Notes\n\ntext\n\n<!-- bench:queue -->\n## Queue mode\n\n2.0/s\n<!-- /bench:queue -->\n\nhand-written after it\n',
		);
	});

	test('the top writer keeps every named section (and only those)', () => {
		expect(keptSections(file)).toBe('');
		fs.writeFileSync(
			file,
			'old top\n<!-- bench:queue -->\nQ\n<!-- /bench:queue -->\nmiddle\n<!-- bench:other -->\nO\n<!-- /bench:other -->\n',
		);
		expect(keptSections(file)).toBe(
			'\n<!-- bench:queue -->\nQ\n<!-- /bench:queue -->\n\n<!-- bench:other -->\nO\n<!-- /bench:other -->\n',
		);
	});
});

describe('what the sandboxes stored as sent', () => {
	test('Chatwoot: delivered messages per conversation in seq order; duplicates named', () => {
		const deliveries = [
			{ seq: 3, conversation_id: 7, content: 'b', delivered: true },
			{ seq: 1, conversation_id: 7, content: 'a', delivered: true },
			{ seq: 2, conversation_id: 8, content: 'a', delivered: true },
			{ seq: 4, conversation_id: 7, content: 'a', delivered: true },
			{ seq: 5, conversation_id: 7, content: 'note', delivered: false },
		];
		const sent = chatwootSent(deliveries);
		expect(sent.total).toBe(4);
		expect(sent.byKey.get(7)).toEqual(['a', 'b', 'a']);
		expect(sent.byKey.get(8)).toEqual(['a']);
		expect(sent.duplicates).toEqual([{ key: 7, text: 'a', count: 2 }]);
		expect(sent.matching(/^b$/).texts()).toEqual(['b']);
	});

	test('Kapso: outbound messages per recipient; text body, interactive body, else the type', () => {
		const sent = kapsoSent([
			{ to: '1', type: 'text', text: { body: 'hi' } },
			{ to: '1', type: 'interactive', interactive: { body: { text: 'pick' } } },
			{ to: '2', type: 'image', image: { id: 'x' } },
		]);
		expect([...sent.byKey]).toEqual([
			['1', ['hi', 'pick']],
			['2', ['image']],
		]);
		expect(sent.duplicates).toEqual([]);
	});

	test('checkSends: all there and in item order per execution, else it says what is wrong', () => {
		const plan = { conversationIds: [1, 2], executions: 2, count: 4, prefix: 'q' };
		const good = new Map([
			[1, ['q e1 i0', 'q e0 i0', 'q e0 i2', 'q e1 i2']],
			[2, ['q e0 i1', 'q e1 i1', 'q e1 i3', 'q e0 i3']],
		]);
		expect(checkSends(plan, good)).toEqual([]);
		const bad = new Map([
			[1, ['q e0 i2', 'q e0 i0', 'q e1 i0', 'q e1 i2']],
			[2, ['q e0 i1', 'q e1 i1', 'q e1 i3']],
		]);
		expect(checkSends(plan, bad)).toEqual([
			'conversation 1, execution 0: out of item order',
			'conversation 2: 3 of 4 (missing q e0 i3; unexpected none)',
			'conversation 2, execution 0: out of item order',
		]);
	});
});
