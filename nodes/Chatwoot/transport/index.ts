/** The one door to Chatwoot's HTTP API: operations, lists and the credential test go through here. */
export { DEFAULT_RETRY, type RetryPolicy } from '../../shared/retry';
export {
	ACCOUNT_PARAMETER,
	accountPath,
	connectionForItem,
	getConnection,
	normalizeBaseUrl,
} from './connection';
export { chatwootMessage } from './errors';
export { MultipartBody, type MultipartFile } from './multipart';
export { CONTACTS_PAGE_SIZE, CONVERSATIONS_PAGE_SIZE, MESSAGES_PAGE_SIZE } from './pageSizes';
export { chatwootApiRequest } from './request';
export {
	CREDENTIAL_TYPE,
	type ChatwootConnection,
	type ChatwootContext,
	type ChatwootRequest,
} from './types';
