import { showOnlyFor } from '../../../shared/displayOptions';
import { phoneNumberLocator } from '../descriptions';
import { executeFrom } from '../../../shared/lazyExecute';
import type { OperationExecute } from '../operation.types';
import { waIdField } from './fields';

export const description = showOnlyFor('contact', 'get', [phoneNumberLocator, waIdField]);

export const execute: OperationExecute = executeFrom(async () => await import('./get.execute'));
