import type { IDataObject } from 'n8n-workflow';

import { BurstBuffer, DeliveryLog } from '../../shared/webhooks';
import type { TriggerContext } from './settings';

/**
 * What the node keeps in its static data (n8n saves it with the workflow after activation and
 * after each production delivery; a test listener carries its own copy from creation to
 * deletion). Valid only for the URL it was written for: the production and the test URL each
 * have their own webhook in Chatwoot.
 */
export interface TriggerStaticData extends IDataObject {
	webhookUrl?: string;
	webhookId?: number;
	secret?: string;
	/** The credential's user at activation; null: an agent-bot token (it has no profile). */
	ownUserId?: number | null;
	/** Delivery ids seen lately, for a retry that reaches another process. */
	deliveries?: Record<string, number>;
}

export function staticDataOf(context: TriggerContext): TriggerStaticData {
	return context.getWorkflowStaticData('node') as TriggerStaticData;
}

/** Static data written for `url`, or an empty record (left over from the other URL, or none). */
export function registrationFor(context: TriggerContext, url: string): TriggerStaticData {
	const data = staticDataOf(context);
	return data.webhookUrl === url ? data : {};
}

export function forgetRegistration(context: TriggerContext): void {
	const data = staticDataOf(context);
	delete data.webhookUrl;
	delete data.webhookId;
	delete data.secret;
	delete data.deliveries;
}

/** Per trigger node, in this process: what must not wait for static data (saved only after a delivery). */
export interface NodeMemory {
	deliveries?: { windowMs: number; log: DeliveryLog };
	bursts?: { key: string; buffer: BurstBuffer<IDataObject> };
	/** Signature failures since the last delivery that verified, and whether one ever did. */
	failures: number;
	everVerified: boolean;
	/** When Chatwoot was last asked for the secret (static data lacked it). */
	secretLookupAt?: number;
	secret?: { url: string; value: string };
	ownUser?: { at: number; id: number | undefined };
}

const memories = new Map<string, NodeMemory>();

export function memoryOf(context: TriggerContext): NodeMemory {
	const key = `${context.getWorkflow().id ?? ''}:${context.getNode().id}`;
	let memory = memories.get(key);
	if (!memory) {
		memory = { failures: 0, everVerified: false };
		memories.set(key, memory);
	}
	return memory;
}

/** For tests: a fresh process. */
export function forgetAllMemories(): void {
	memories.clear();
}
