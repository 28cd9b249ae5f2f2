/** The JavaScript Chatwoot sandbox for TypeScript tests: its own JSDoc types, quiet by default. */
import {
	startSandbox as startChatwootSandbox,
	type Sandbox,
	type SandboxOptions,
} from '../../sandbox/chatwoot';

export type {
	CustomerAttachment,
	CustomerMessage,
	RecordedRequest,
	Sandbox,
	SandboxOptions,
	Violation,
	WebhookDelivery,
	WebhookOptions,
	WidgetVisit,
} from '../../sandbox/chatwoot';

export const startSandbox = async (options: SandboxOptions = {}): Promise<Sandbox> =>
	await startChatwootSandbox({ quiet: true, ...options });
