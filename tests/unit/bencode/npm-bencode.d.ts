// The npm package ships no types; only its encoder is used, as a reference in the differential test.
declare module 'bencode' {
  const bencode: { encode(value: unknown): Uint8Array };
  export default bencode;
}
