/** What webhook triggers share: signatures, freshness, duplicates, bursts, private addresses. */
export { BurstBuffer, type BurstJoin, type BurstOptions } from './burst';
export { DeliveryLog } from './dedupe';
export { privateAddressReason } from './privateAddress';
export {
	checkTimestamp,
	headerReader,
	signBytes,
	verifySignature,
	type SignatureCheck,
	type SignatureScheme,
	type TimestampCheck,
} from './signature';
export { readRawBody } from './rawBody';
