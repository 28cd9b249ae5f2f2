import { EventEmitter } from 'events';
import { join } from 'path';

import type {
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

/**
 * n8n in queue mode as a trigger sees it: several processes (main, webhook processes) that share
 * nothing but the database. Each process has its own copy of the package's modules (its memory);
 * the workflow's static data lives in the database as JSON. For every production request a process
 * reads the workflow, static data included, from the database (live-webhooks.js
 * loadWebhookExecutionData), and saves the whole static data back when it changed, last writer
 * wins (workflow-static-data.service.js saveStaticData: one UPDATE of the column): after the node
 * answered itself, or after the execution was handed to the queue. A request whose execution could
 * not be started is answered 500 and saves nothing.
 */

export interface Database {
	/** The workflow's static data as the database holds it. */
	staticData: string;
}

export const database = (staticData: IDataObject = {}): Database => ({
	staticData: JSON.stringify(staticData),
});

export const staticDataIn = (db: Database): IDataObject => JSON.parse(db.staticData) as IDataObject;

/** One process: `load` runs with a module registry of its own, as a separate Node.js process has. */
export function n8nProcess<T>(load: () => T): T {
	let loaded: T | undefined;
	jest.isolateModules(() => {
		loaded = load();
	});
	return loaded as T;
}

export type WebhookMethod = (this: IWebhookFunctions) => Promise<IWebhookResponseData>;

/** A package module (path from the repository's root) as one process of its own loads it. */
export const moduleInProcess = <T>(path: string): T =>
	n8nProcess(() => jest.requireActual(join(__dirname, '..', '..', path)) as T);

/** A webhook process: a trigger's `actions/receive` module of its own, so its own memory. */
export const webhookProcess = (path: string): WebhookMethod =>
	moduleInProcess<{ receive: WebhookMethod }>(path).receive;

type HookMethod = (this: IHookFunctions) => Promise<boolean>;

/** A trigger's registration module and the names of its two methods n8n's main process calls. */
export interface Registration {
	path: string;
	checkExists: string;
	create: string;
}

/**
 * n8n's main process activating the workflow: with a registration module of its own, checkExists,
 * then create when that said no, on the static data as the database holds it; then the static
 * data saved. `hookContext` makes the node's hook context on that static data.
 */
export async function activateInMain(
	db: Database,
	registration: Registration,
	hookContext: (staticData: IDataObject) => IHookFunctions,
): Promise<void> {
	const hooks = moduleInProcess<Record<string, HookMethod>>(registration.path);
	const staticData = staticDataIn(db);
	const context = hookContext(staticData);
	if (!(await hooks[registration.checkExists].call(context)))
		await hooks[registration.create].call(context);
	db.staticData = JSON.stringify(staticData);
}

/** The queue's answer to a job, given later: to let another request come in meanwhile. */
export function pendingQueue() {
	let accept!: () => void;
	let refuse!: (error: Error) => void;
	const answer = new Promise<void>((resolve, reject) => {
		accept = resolve;
		refuse = reject;
	});
	return { queue: async () => await answer, accept, refuse };
}

/** Express's response as far as the nodes use it: status, JSON body, and the finish/close events. */
export class FakeResponse extends EventEmitter {
	statusCode = 200;
	writableFinished = false;
	body: unknown;

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	json(body: unknown): this {
		this.body = body;
		this.writableFinished = true;
		this.emit('finish');
		this.emit('close');
		return this;
	}

	/** The caller hung up before n8n answered (a service's timeout). */
	hangUp(): void {
		this.emit('close');
	}
}

export interface HandledRequest {
	result: IWebhookResponseData;
	response: FakeResponse;
	/** Whether n8n handed an execution to the queue. */
	started: boolean;
	/** The static data this request read, as the node left it. */
	staticData: IDataObject;
	/** Saves what the request changed, as n8n does after it (call it to interleave two processes). */
	save: () => void;
}

export interface RequestOptions {
	/** Bull's answer to the new job: resolves (queued) or rejects (Redis unreachable: n8n answers 500). */
	queue?: () => Promise<void>;
	/** Leave the save to the caller (two processes that read before either saved). */
	deferSave?: boolean;
	/** Sees the response before n8n answers (to hang up meanwhile). */
	onResponse?: (response: FakeResponse) => void;
}

export const queueRefuses = async () => {
	throw new Error('Connection is closed.');
};

/**
 * One production request handled the way webhook-helpers.js executeWebhook does: the node's
 * webhook() with this request's copy of the static data; then, if the node returned an item,
 * the execution is handed to the queue and n8n answers (when the node did not answer itself).
 */
export async function handleRequest(
	db: Database,
	context: IWebhookFunctions,
	webhook: WebhookMethod,
	options: RequestOptions = {},
): Promise<HandledRequest> {
	const loaded = db.staticData;
	const staticData = JSON.parse(loaded) as IDataObject;
	const response = new FakeResponse();
	options.onResponse?.(response);
	const request = Object.assign(Object.create(context) as IWebhookFunctions, {
		getWorkflowStaticData: () => staticData,
		getResponseObject: () => response,
	});
	const result = await webhook.call(request);
	const save = () => {
		if (JSON.stringify(staticData) !== loaded) db.staticData = JSON.stringify(staticData);
	};
	const saveUnlessDeferred = () => {
		if (!options.deferSave) save();
	};
	const answeredByNode = result.noWebhookResponse === true;
	if (answeredByNode) saveUnlessDeferred();
	let started = false;
	if (result.workflowData !== undefined) {
		try {
			await (options.queue ?? (async () => undefined))();
			started = true;
		} catch {
			if (!answeredByNode) response.status(500).json({ message: 'Error in workflow' });
		}
		if (started && !answeredByNode) {
			saveUnlessDeferred();
			response.json({ message: 'Workflow was started' });
		}
	} else if (!answeredByNode) {
		saveUnlessDeferred();
		response.json(result.webhookResponse ?? { message: 'Webhook call received' });
	}
	return { result, response, started, staticData, save };
}
