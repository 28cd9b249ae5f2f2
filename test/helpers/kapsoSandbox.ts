/** The JavaScript Kapso sandbox for TypeScript tests: its own JSDoc types, quiet and quick by default. */
import {
	startSandbox as startKapso,
	type KapsoSandbox,
	type KapsoSandboxOptions,
} from '../../sandbox/kapso';

export type {
	CustomerMessage,
	KapsoRecordedRequest,
	KapsoSandbox,
	KapsoSandboxOptions,
	KapsoViolation,
	WebhookDelivery,
} from '../../sandbox/kapso';

/** Webhook retries after 50 ms instead of 10 s / 40 s / 90 s, so a retry test takes no real time. */
export const startKapsoSandbox = async (options: KapsoSandboxOptions = {}): Promise<KapsoSandbox> =>
	await startKapso({ quiet: true, webhookRetryDelaysMs: [50, 50, 50], ...options });
