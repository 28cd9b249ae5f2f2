export { chatwootAccessTokenApiTest } from './credentialTest';
