import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { EventFilter } from './filters';

export type TriggerContext = IHookFunctions | IWebhookFunctions;

export type SetupMode = 'automatic' | 'manual';

/** The node's fields, read once per activation or delivery. */
export interface TriggerSettings {
	setup: SetupMode;
	/** Automatic: what the webhook subscribes to; manual: what starts an execution. */
	events: string[];
	/** Manual setup: the secret the user pasted. */
	manualSecret: string;
	verifySignature: boolean;
	filter: Omit<EventFilter, 'ownUserId'>;
	/** 0: every message starts its own execution. */
	burstSeconds: number;
	maxAgeSeconds: number;
	duplicateWindowSeconds: number;
	downloadAttachments: boolean;
	binaryPrefix: string;
}

export const DEFAULTS = {
	maxAgeSeconds: 300,
	duplicateWindowSeconds: 3600,
	burstSeconds: 0,
	binaryPrefix: 'attachment_',
};

const list = (value: unknown): string[] =>
	Array.isArray(value) ? value.map((entry) => String(entry)).filter((entry) => entry !== '') : [];

const ids = (value: unknown): number[] =>
	list(value)
		.map(Number)
		.filter((id) => Number.isSafeInteger(id) && id > 0);

const seconds = (value: unknown, fallback: number): number => {
	const number = Number(value);
	return Number.isFinite(number) && number >= 0 ? number : fallback;
};

export function readSettings(this: TriggerContext): TriggerSettings {
	const setup = this.getNodeParameter('setup', 'automatic') === 'manual' ? 'manual' : 'automatic';
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	const options = this.getNodeParameter('options', {}) as IDataObject;
	return {
		setup,
		events: list(this.getNodeParameter(setup === 'manual' ? 'manualEvents' : 'events', [])),
		manualSecret:
			setup === 'manual' ? String(this.getNodeParameter('webhookSecret', '') ?? '').trim() : '',
		verifySignature: this.getNodeParameter('verifySignature', true) !== false,
		filter: {
			events: list(this.getNodeParameter(setup === 'manual' ? 'manualEvents' : 'events', [])),
			inboxIds: ids(filters.inboxIds),
			messageTypes: list(this.getNodeParameter('messageTypes', ['incoming'])),
			includePrivateNotes: this.getNodeParameter('includePrivateNotes', false) === true,
			ignoreOwnMessages: this.getNodeParameter('ignoreOwnMessages', true) !== false,
			ignoreAgentBotMessages: this.getNodeParameter('ignoreAgentBotMessages', true) !== false,
			statuses: list(filters.statuses),
			labels: list(filters.labels),
		},
		burstSeconds: seconds(options.burstSeconds, DEFAULTS.burstSeconds),
		maxAgeSeconds: seconds(options.maxAgeSeconds, DEFAULTS.maxAgeSeconds),
		duplicateWindowSeconds: seconds(
			options.duplicateWindowSeconds,
			DEFAULTS.duplicateWindowSeconds,
		),
		downloadAttachments: options.downloadAttachments === true,
		binaryPrefix:
			typeof options.binaryPrefix === 'string' && options.binaryPrefix.trim() !== ''
				? options.binaryPrefix.trim()
				: DEFAULTS.binaryPrefix,
	};
}
