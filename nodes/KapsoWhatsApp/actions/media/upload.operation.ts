import { showOnlyFor } from '../../../shared/displayOptions';
import { phoneNumberLocator } from '../descriptions';
import { executeFrom } from '../../../shared/lazyExecute';
import type { OperationExecute } from '../operation.types';
import { binaryPropertyField } from './fields';

export const description = showOnlyFor('media', 'upload', [
	phoneNumberLocator,
	binaryPropertyField,
]);

export const execute: OperationExecute = executeFrom(async () => await import('./upload.execute'));
