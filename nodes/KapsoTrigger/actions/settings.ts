import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkNumberOption } from '../../shared/fieldError';
import { isKapsoEvent, type KapsoEvent } from '../helpers/events';
import type { Direction, EventFilter, LoopGuard } from '../helpers/filters';
import { triggerProperties } from './description';

/** The trigger's fields as registration and receiving use them, checked once where they are read. */

export type Setup = 'automatic' | 'manual';
export type BatchMode = 'split' | 'keep';

export interface RegistrationSettings {
	events: KapsoEvent[];
	bufferEnabled: boolean;
	bufferWindowSeconds: number;
	maxBufferSize: number;
	inactivityMinutes: number;
}

export interface ReceiveSettings {
	setup: Setup;
	filter: EventFilter;
	batchMode: BatchMode;
}

/** What both n8n contexts (hooks and the webhook) offer for reading fields. */
interface FieldReader {
	getNode(): INode;
	getNodeParameter(name: string, fallback?: unknown): unknown;
}

const optionFields = new Map(
	(triggerProperties.find((property) => property.name === 'options')?.options ?? []).map(
		(option) => [(option as INodeProperties).name, option as INodeProperties],
	),
);

function optionField(name: string): INodeProperties {
	const field = optionFields.get(name);
	if (!field) throw new Error(`No option ${name}`);
	return field;
}

function oneOf<T extends string>(node: INode, label: string, value: unknown, allowed: T[]): T {
	if (typeof value === 'string' && (allowed as string[]).includes(value)) return value as T;
	throw new NodeOperationError(
		node,
		`${label}: must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`,
	);
}

export function readSetup(context: FieldReader): Setup {
	return oneOf(context.getNode(), 'Webhook Setup', context.getNodeParameter('setup', 'automatic'), [
		'automatic',
		'manual',
	]);
}

export function readEvents(context: FieldReader): KapsoEvent[] {
	const value = context.getNodeParameter('events', []);
	const events = Array.isArray(value) ? value : [];
	const unknown = events.filter((event) => !isKapsoEvent(event));
	if (events.length === 0 || unknown.length > 0) {
		throw new NodeOperationError(
			context.getNode(),
			unknown.length > 0
				? `Events: ${unknown.map((event) => JSON.stringify(event)).join(', ')} is not a Kapso event`
				: 'Events: choose at least one event',
			{ description: 'Pick the events from the list, for example Message Received.' },
		);
	}
	return events as KapsoEvent[];
}

function readOptions(context: FieldReader): IDataObject {
	const options = context.getNodeParameter('options', {});
	return options && typeof options === 'object' ? (options as IDataObject) : {};
}

function numberOption(context: FieldReader, options: IDataObject, name: string): number {
	const field = optionField(name);
	return checkNumberOption(context.getNode(), field, options[name] ?? field.default);
}

export function readRegistrationSettings(context: FieldReader): RegistrationSettings {
	const options = readOptions(context);
	return {
		events: readEvents(context),
		bufferEnabled: options.bufferEnabled === true,
		bufferWindowSeconds: numberOption(context, options, 'bufferWindowSeconds'),
		maxBufferSize: numberOption(context, options, 'maxBufferSize'),
		inactivityMinutes: numberOption(context, options, 'inactivityMinutes'),
	};
}

export function readReceiveSettings(context: FieldReader): ReceiveSettings {
	const node = context.getNode();
	const options = readOptions(context);
	const messageTypes = Array.isArray(options.messageTypes) ? options.messageTypes.map(String) : [];
	const callbackTag = typeof options.callbackTag === 'string' ? options.callbackTag.trim() : 'n8n';
	return {
		setup: readSetup(context),
		batchMode: oneOf<BatchMode>(node, 'Batched Messages', options.batchMode ?? 'split', [
			'split',
			'keep',
		]),
		filter: {
			events: readEvents(context),
			direction: oneOf<Direction>(node, 'Direction', options.direction ?? 'any', [
				'any',
				'inbound',
				'outbound',
			]),
			messageTypes,
			loopGuard: oneOf<LoopGuard>(node, 'Ignore Own Messages', options.loopGuard ?? 'apiMessages', [
				'apiMessages',
				'callbackTag',
				'off',
			]),
			callbackTag,
		},
	};
}

/** The phone number of the Phone Number field (a resource locator: list or ID). */
export function readPhoneNumberId(context: FieldReader): string {
	const value = context.getNodeParameter('phoneNumberId', '');
	const raw =
		value && typeof value === 'object' ? (value as IDataObject).value : (value as unknown);
	const id = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	if (!/^\d{1,20}$/.test(id)) {
		throw new NodeOperationError(
			context.getNode(),
			`Phone Number: ${id === '' ? 'choose a phone number' : `"${id}" is not a phone number ID`}`,
			{
				description:
					"Pick the number from the list, or enter its phone number ID (digits) from Kapso's dashboard.",
			},
		);
	}
	return id;
}
