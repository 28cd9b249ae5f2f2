import { showOnlyFor } from '../../../shared/displayOptions';
import { phoneNumberLocator } from '../descriptions';
import { executeFrom } from '../../../shared/lazyExecute';
import type { OperationExecute } from '../operation.types';
import { conversationIdField } from './fields';

export const description = showOnlyFor('conversation', 'get', [
	phoneNumberLocator,
	conversationIdField,
]);

export const execute: OperationExecute = executeFrom(async () => await import('./get.execute'));
