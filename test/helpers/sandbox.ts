/** Typed access to the JavaScript Chatwoot sandbox for TypeScript tests. */

export interface RecordedRequest {
	seq: number;
	method: string;
	path: string;
	query: Record<string, unknown>;
	headers: Record<string, string>;
	tokenKind: 'user' | 'bot' | 'invalid' | 'none';
	contentType?: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded request bodies are free-form JSON
	body: any;
	status: number;
	violations: string[];
}

export interface Violation {
	seq: number;
	method: string;
	path: string;
	rule: string;
	message: string;
}

export interface Sandbox {
	url: string;
	port: number;
	userToken: string;
	botToken: string;
	requests: RecordedRequest[];
	violations: Violation[];
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the sandbox's in-memory state
	state: any;
	reset(): void;
	close(): Promise<void>;
	setFaults(faults: Record<string, unknown>): void;
}

export interface SandboxOptions {
	port?: number;
	latencyMs?: number;
	jitterMs?: number;
	faults?: Record<string, unknown>;
	seed?: number;
	quiet?: boolean;
	specPath?: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sandboxModule = require('../../sandbox/chatwoot') as {
	startSandbox(options?: SandboxOptions): Promise<Sandbox>;
};

export const startSandbox = (options: SandboxOptions = {}) =>
	sandboxModule.startSandbox({ quiet: true, ...options });
