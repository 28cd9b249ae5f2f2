/** The one door to Chatwoot's HTTP API: operations, lists and the credential test go through here. */
export { DEFAULT_RETRY, type RetryPolicy } from '../../shared/retry';
export {
	ACCOUNT_PARAMETER,
	accountIdProblem,
	accountPath,
	checkAccountId,
	checkBaseUrl,
	connectionForItem,
	getConnection,
	normalizeBaseUrl,
} from './connection';
export { credentialProbe, type ProbeResponse } from './credentialProbe';
export { chatwootMessage, redirectMessage } from './errors';
export { MultipartBody, type MultipartFile } from '../../shared/multipart';
export { CONTACTS_PAGE_SIZE, CONVERSATIONS_PAGE_SIZE, MESSAGES_PAGE_SIZE } from './pageSizes';
export { chatwootApiRequest } from './request';
export { cut, redactor } from '../../shared/secrets';
export {
	CREDENTIAL_TYPE,
	DEFAULT_TIMEOUT_MS,
	type ChatwootConnection,
	type ChatwootContext,
	type ChatwootRequest,
	type Confirmation,
} from './types';
