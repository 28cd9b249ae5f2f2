import { showOnlyFor } from '../../../shared/displayOptions';
import { phoneNumberLocator } from '../descriptions';
import { executeFrom } from '../../../shared/lazyExecute';
import type { OperationExecute } from '../operation.types';
import { mediaIdField } from './fields';

export const description = showOnlyFor('media', 'getUrl', [phoneNumberLocator, mediaIdField]);

export const execute: OperationExecute = executeFrom(async () => await import('./getUrl.execute'));
