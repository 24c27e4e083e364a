export { binaryStringToBytes, bytesToBinaryString, utf8 } from './binary-string';
export { decode, DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH } from './decode';
export { encode } from './encode';
export type {
  BDict,
  BEncodable,
  BValue,
  ByteSpan,
  DecodeError,
  DecodeErrorCode,
  DecodeOptions,
  DecodeResult,
} from './types';
