import { randomBytes } from 'crypto';

import type { IDataObject } from 'n8n-workflow';

export interface MultipartFile {
	field: string;
	fileName: string;
	/** A valid MIME type: it is written into the part's headers. */
	mimeType: string;
	/** Exact size in bytes: the body is allocated once, at its final size. */
	size: number;
	/**
	 * Writes the file's bytes into `target` (exactly `size` of them), e.g. by decoding n8n's
	 * base64 or reading its binary store, so no copy of the file is made besides the body.
	 */
	writeTo(target: Buffer): Promise<void>;
}

export interface BuiltMultipart {
	body: Buffer;
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

/**
 * A multipart/form-data body built as one Buffer of its exact size. n8n's request helper sends a
 * Buffer as it is; streams from Node's `stream` module are off limits on n8n Cloud. Peak memory
 * is the body itself: about one copy of the files, in either binary mode.
 */
export class MultipartBody {
	private readonly fields: Array<[string, string]> = [];

	private readonly files: MultipartFile[] = [];

	private built?: BuiltMultipart;

	/** Adds a scalar field, or an object/array as bracketed fields. */
	append(name: string, value: FieldValue): this {
		toBracketedFields(name, value, this.fields);
		this.built = undefined;
		return this;
	}

	appendFile(file: MultipartFile): this {
		if (/[\r\n"]/.test(file.mimeType))
			throw new Error(`Invalid MIME type for a form part: ${JSON.stringify(file.mimeType)}`);
		this.files.push(file);
		this.built = undefined;
		return this;
	}

	get fieldEntries(): ReadonlyArray<[string, string]> {
		return this.fields;
	}

	get fileEntries(): readonly MultipartFile[] {
		return this.files;
	}

	/** The body, built once and reused by every attempt (a Buffer can be sent again). */
	async build(): Promise<BuiltMultipart> {
		this.built ??= await this.encode();
		return this.built;
	}

	private async encode(): Promise<BuiltMultipart> {
		const boundary = `----n8nFormBoundary${randomBytes(12).toString('hex')}`;
		const parts: Array<Buffer | MultipartFile> = [];
		for (const [name, value] of this.fields) {
			parts.push(
				Buffer.from(
					`--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuotes(name)}"\r\n\r\n${value}\r\n`,
					'utf8',
				),
			);
		}
		for (const file of this.files) {
			parts.push(
				Buffer.from(
					`--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuotes(file.field)}"; filename="${escapeQuotes(file.fileName)}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`,
					'utf8',
				),
				file,
				Buffer.from('\r\n'),
			);
		}
		parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));

		const length = parts.reduce(
			(total, part) => total + (Buffer.isBuffer(part) ? part.length : part.size),
			0,
		);
		const body = Buffer.allocUnsafe(length);
		let offset = 0;
		for (const part of parts) {
			if (Buffer.isBuffer(part)) {
				part.copy(body, offset);
				offset += part.length;
			} else {
				await part.writeTo(body.subarray(offset, offset + part.size));
				offset += part.size;
			}
		}
		return {
			body,
			headers: {
				'Content-Type': `multipart/form-data; boundary=${boundary}`,
				'Content-Length': String(length),
			},
		};
	}
}

function escapeQuotes(value: string): string {
	return value.replace(/"/g, '%22').replace(/[\r\n]/g, ' ');
}
