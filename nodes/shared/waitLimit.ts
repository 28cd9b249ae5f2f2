import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError } from './fieldError';

/**
 * How long a Send and Wait for Reply waits (Chatwoot's and Kapso's alike): a duration or a date,
 * never unlimited, so a customer who never answers cannot hold an execution forever.
 */
export const waitLimitFields: INodeProperties[] = [
	{
		displayName: 'Limit Wait Time',
		name: 'limitType',
		type: 'options',
		default: 'afterTimeInterval',
		description:
			'How long to wait for the reply; then the node goes on with an item that says timedOut: true',
		options: [
			{ name: 'After Time Interval', value: 'afterTimeInterval' },
			{ name: 'At Specified Time', value: 'atSpecifiedTime' },
		],
	},
	{
		displayName: 'Amount',
		name: 'resumeAmount',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description: 'How many units to wait at most',
		displayOptions: { show: { limitType: ['afterTimeInterval'] } },
	},
	{
		displayName: 'Unit',
		name: 'resumeUnit',
		type: 'options',
		default: 'days',
		options: [
			{ name: 'Seconds', value: 'seconds' },
			{ name: 'Minutes', value: 'minutes' },
			{ name: 'Hours', value: 'hours' },
			{ name: 'Days', value: 'days' },
		],
		description: 'The unit of Amount',
		displayOptions: { show: { limitType: ['afterTimeInterval'] } },
	},
	{
		displayName: 'Max Date and Time',
		name: 'maxDateAndTime',
		type: 'dateTime',
		default: '',
		description: 'Wait at most until this moment (in the workflow’s time zone)',
		displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
	},
];

const UNIT_MS: Record<string, number> = {
	seconds: 1_000,
	minutes: 60_000,
	hours: 3_600_000,
	days: 86_400_000,
};

/** The wait's deadline: a duration from now or a date, never unlimited and never in the past. */
export function readDeadline(this: IExecuteFunctions, itemIndex: number, nowMs: number): Date {
	const node = this.getNode();
	if (this.getNodeParameter('limitType', itemIndex) === 'atSpecifiedTime') {
		const raw = this.getNodeParameter('maxDateAndTime', itemIndex, '') as unknown;
		const time = raw instanceof Date ? raw.getTime() : Date.parse(String(raw));
		if (!Number.isFinite(time))
			throw fieldError(node, itemIndex, 'Max Date and Time', `"${String(raw)}" is not a date`);
		if (time <= nowMs)
			throw fieldError(node, itemIndex, 'Max Date and Time', 'the moment has passed already');
		return new Date(time);
	}
	const amount = this.getNodeParameter('resumeAmount', itemIndex) as unknown;
	const unit = UNIT_MS[String(this.getNodeParameter('resumeUnit', itemIndex))];
	if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1 || !unit)
		throw fieldError(node, itemIndex, 'Amount', 'must be a whole number of at least 1');
	return new Date(nowMs + amount * unit);
}
