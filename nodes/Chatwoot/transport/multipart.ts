import { randomBytes } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { Readable } from 'stream';

export interface MultipartFile {
	field: string;
	fileName: string;
	mimeType: string;
	/** Small files are buffers; files in n8n's binary store are opened as a stream per attempt. */
	content: Buffer | (() => Promise<Readable>);
	/** Byte size, when known, so Content-Length can be sent with a streamed body. */
	size?: number;
}

export interface BuiltMultipart {
	body: Buffer | Readable;
	headers: Record<string, string>;
}

type FieldValue = string | number | boolean | null | undefined | IDataObject | unknown[];

/**
 * Rails (Rack) reads nested form fields from brackets: `a[b]=1`, and an array of objects as
 * `a[][b]=1&a[][c]=2` (an indexed `a[0][b]` would become a hash, not an array).
 */
export function toBracketedFields(
	prefix: string,
	value: FieldValue,
	out: Array<[string, string]> = [],
) {
	if (value === undefined || value === null) return out;
	if (Array.isArray(value)) {
		for (const entry of value) {
			toBracketedFields(`${prefix}[]`, entry as FieldValue, out);
		}
	} else if (typeof value === 'object') {
		for (const [key, entry] of Object.entries(value)) {
			toBracketedFields(`${prefix}[${key}]`, entry as FieldValue, out);
		}
	} else {
		out.push([prefix, String(value)]);
	}
	return out;
}

export class MultipartBody {
	private readonly fields: Array<[string, string]> = [];

	private readonly files: MultipartFile[] = [];

	/** Adds a scalar field, or an object/array as bracketed fields. */
	append(name: string, value: FieldValue): this {
		toBracketedFields(name, value, this.fields);
		return this;
	}

	appendFile(file: MultipartFile): this {
		this.files.push(file);
		return this;
	}

	get fieldEntries(): ReadonlyArray<[string, string]> {
		return this.fields;
	}

	get fileEntries(): readonly MultipartFile[] {
		return this.files;
	}

	async build(): Promise<BuiltMultipart> {
		const boundary = `----n8nChatwoot${randomBytes(12).toString('hex')}`;
		const chunks: Array<Buffer | Readable> = [];
		let length: number | undefined = 0;
		const add = (chunk: Buffer | Readable, size?: number) => {
			chunks.push(chunk);
			length = length === undefined || size === undefined ? undefined : length + size;
		};
		const text = (value: string) => {
			const buffer = Buffer.from(value, 'utf8');
			add(buffer, buffer.length);
		};

		for (const [name, value] of this.fields) {
			text(
				`--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuotes(name)}"\r\n\r\n${value}\r\n`,
			);
		}
		for (const file of this.files) {
			text(
				`--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuotes(file.field)}"; filename="${escapeQuotes(file.fileName)}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`,
			);
			if (Buffer.isBuffer(file.content)) add(file.content, file.content.length);
			else add(await file.content(), file.size);
			text('\r\n');
		}
		text(`--${boundary}--\r\n`);

		const headers: Record<string, string> = {
			'Content-Type': `multipart/form-data; boundary=${boundary}`,
		};
		if (length !== undefined) headers['Content-Length'] = String(length);
		const allBuffers = chunks.every((chunk): chunk is Buffer => Buffer.isBuffer(chunk));
		return {
			body: allBuffers ? Buffer.concat(chunks) : Readable.from(streamChunks(chunks)),
			headers,
		};
	}
}

async function* streamChunks(chunks: Array<Buffer | Readable>): AsyncGenerator<Buffer> {
	for (const chunk of chunks) {
		if (Buffer.isBuffer(chunk)) yield chunk;
		else
			for await (const piece of chunk)
				yield Buffer.isBuffer(piece) ? piece : Buffer.from(piece as string);
	}
}

function escapeQuotes(value: string): string {
	return value.replace(/"/g, '%22').replace(/[\r\n]/g, ' ');
}
