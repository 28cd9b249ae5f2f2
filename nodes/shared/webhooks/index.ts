/** What webhook triggers share: signatures, freshness, duplicates, bursts, private addresses, paths. */
export { BurstBuffer, type BurstJoin, type BurstOptions } from './burst';
export { claimDelivery, DeliveryLog, type DeliveryClaim, type DeliveryResponse } from './dedupe';
export { privateAddressReason } from './privateAddress';
export { rawBodyOf } from './rawBody';
export { isUrlOf, requestPath } from './requestPath';
export {
	checkTimestamp,
	headerReader,
	signBytes,
	verifySignature,
	type SignatureCheck,
	type SignatureScheme,
	type TimestampCheck,
} from './signature';
