import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { DeliveryLog } from '../../shared/webhooks';

/**
 * What the trigger keeps in its static data (saved with the workflow after activation and after
 * each production request): the webhook Kapso holds for it.
 */
export interface RegisteredWebhook {
	webhookId?: string;
	phoneNumberId?: string;
	secret?: string;
	url?: string;
	/** Idempotency keys accepted lately, for a retry that reaches another process. */
	deliveries?: Record<string, number>;
}

export function registeredWebhook(context: IHookFunctions | IWebhookFunctions): RegisteredWebhook {
	return context.getWorkflowStaticData('node') as RegisteredWebhook;
}

/** Kapso retries after 10 s, 40 s and 90 s (each try may wait 10 s): 10 minutes covers them all. */
export const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;
/** Keys kept in static data and in memory (the newest). */
export const KEPT_DELIVERY_KEYS = 500;

/** Per trigger node, in this process: what must not wait for static data, and rate limits. */
export interface NodeMemory {
	deliveries: DeliveryLog;
	/** When Kapso was last asked for the webhook's secret, and what it said. */
	secretLookupAt?: number;
	secret?: { url: string; value: string };
}

const memories = new Map<string, NodeMemory>();

export function memoryOf(context: IWebhookFunctions): NodeMemory {
	const key = `${context.getWorkflow().id ?? ''}:${context.getNode().id}`;
	let memory = memories.get(key);
	if (!memory) {
		memory = { deliveries: new DeliveryLog(DUPLICATE_WINDOW_MS, KEPT_DELIVERY_KEYS) };
		memories.set(key, memory);
	}
	return memory;
}

/** For tests: a fresh process. */
export function forgetAllMemories(): void {
	memories.clear();
}
