/** What webhook triggers share: signatures, freshness, duplicates, bursts, private addresses. */
export { BurstBuffer, type BurstJoin, type BurstOptions } from './burst';
export { DeliveryLog } from './dedupe';
export { privateAddressReason } from './privateAddress';
export { rawBodyOf } from './rawBody';
export {
	checkTimestamp,
	headerReader,
	signBytes,
	verifySignature,
	type SignatureCheck,
	type SignatureScheme,
	type TimestampCheck,
} from './signature';
