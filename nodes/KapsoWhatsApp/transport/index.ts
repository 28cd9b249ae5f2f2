/** The one door to Kapso's HTTP APIs: operations, lists and the credential test go through here. */
export { DEFAULT_RETRY, type RetryPolicy } from '../../shared/retry';
export { MultipartBody, type MultipartFile } from '../../shared/multipart';
export { cut, redactor } from '../../shared/secrets';
export {
	checkKapsoAddresses,
	connectionForItem,
	getConnection,
	surfaceRoot,
	type KapsoCredentials,
} from './connection';
export { credentialProbe, type ProbeResponse } from './credentialProbe';
export { readFailure, type KapsoFailure } from './errors';
export { kapsoApiRequest } from './request';
export {
	CREDENTIAL_TYPE,
	DEFAULT_TIMEOUT_MS,
	GRAPH_VERSION,
	type KapsoApiSurface,
	type KapsoConnection,
	type KapsoContext,
	type KapsoRequest,
} from './types';
export { GRAPH_PAGE_SIZE, readGraphPage } from './paging';
