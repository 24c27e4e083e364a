import { describe, expect, it } from 'vitest';
import { decode, DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, encode } from '@/lib/bencode';
import { bin } from './helpers';

/** Runs the decode. Tests never assert on wall-clock time; speed belongs to benchmarks. */
function runOnce(run: () => void): void {
  run();
}

describe('decode limits nesting depth', () => {
  it('defaults to 256 levels', () => {
    expect(DEFAULT_MAX_DEPTH).toBe(256);
    expect(decode(bin(`${'l'.repeat(256)}${'e'.repeat(256)}`)).ok).toBe(true);
  });

  it.each([
    ['lists', 'l', 256],
    ['dictionaries', 'd1:a', 1024],
  ])('rejects 100,000 nested %s quickly, without a stack overflow', (_name, level, offset) => {
    const input = bin(level.repeat(100_000));
    let result: ReturnType<typeof decode> | undefined;
    runOnce(() => (result = decode(input)));
    expect(result).toEqual({ ok: false, error: { code: 'too-deep', offset, message: 'Invalid bencode: nested deeper than 256 levels' } });
  });

  it('honours a smaller maxDepth', () => {
    expect(decode(bin('llee'), { maxDepth: 2 }).ok).toBe(true);
    expect(decode(bin('llleee'), { maxDepth: 2 })).toEqual({
      ok: false,
      error: { code: 'too-deep', offset: 2, message: 'Invalid bencode: nested deeper than 2 levels' },
    });
  });

  it('allows only scalars at maxDepth 0', () => {
    expect(decode(bin('i1e'), { maxDepth: 0 }).ok).toBe(true);
    expect(decode(bin('le'), { maxDepth: 0 })).toMatchObject({ ok: false, error: { code: 'too-deep' } });
  });

  it('decodes and re-encodes 100,000 levels when allowed, since neither side recurses', () => {
    const input = bin(`${'l'.repeat(100_000)}${'e'.repeat(100_000)}`);
    const result = decode(input, { maxDepth: 100_000 });
    if (!result.ok) throw new Error(result.error.message);
    expect(encode(result.value)).toEqual(input);
  });
});

describe('decode limits input size', () => {
  it('defaults to 10 MiB and refuses one byte more before parsing', () => {
    expect(DEFAULT_MAX_BYTES).toBe(10 * 1024 * 1024);
    const input = new Uint8Array(DEFAULT_MAX_BYTES + 1).fill(0x78);
    expect(decode(input)).toEqual({
      ok: false,
      error: { code: 'too-large', offset: DEFAULT_MAX_BYTES, message: 'The file is larger than 10 MiB' },
    });
  });

  it('accepts a string of exactly 10 MiB', () => {
    const header = bin(`${DEFAULT_MAX_BYTES - 9}:`);
    const input = new Uint8Array(DEFAULT_MAX_BYTES);
    input.set(header);
    const result = decode(input);
    expect(result.ok && result.value instanceof Uint8Array && result.value.length).toBe(DEFAULT_MAX_BYTES - 9);
  });

  it.each([
    [1, 'The file is larger than 1 byte'],
    [1000, 'The file is larger than 1000 bytes'],
    [1024, 'The file is larger than 1 KiB'],
    [1536, 'The file is larger than 1.5 KiB'],
    [2 * 1024 ** 3, 'The file is larger than 2 GiB'],
  ])('states a maxBytes of %i as a size a person reads', (maxBytes, message) => {
    const input = { length: maxBytes + 1 } as Uint8Array;
    expect(decode(input, { maxBytes })).toEqual({ ok: false, error: { code: 'too-large', offset: maxBytes, message } });
  });

  it('checks the size before the content', () => {
    expect(decode(bin('hello'), { maxBytes: 4 })).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });

  it.each([
    ['maxBytes', { maxBytes: -1 }, 'maxBytes must be a non-negative integer, got -1'],
    ['maxBytes', { maxBytes: Number.NaN }, 'maxBytes must be a non-negative integer, got NaN'],
    ['maxDepth', { maxDepth: 1.5 }, 'maxDepth must be a non-negative integer, got 1.5'],
  ])('throws a RangeError for an invalid %s', (_name, options, message) => {
    expect(() => decode(bin('i1e'), options)).toThrow(new RangeError(message));
  });
});

describe('decode runs in linear time', () => {
  it('reads 200,000 list items', () => {
    const input = bin(`l${'i1e'.repeat(200_000)}e`);
    let ok = false;
    runOnce(() => (ok = decode(input).ok));
    expect(ok).toBe(true);
  });

  it('reads 100,000 sorted dictionary keys', () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `k${String(i).padStart(6, '0')}`);
    const input = bin(`d${keys.map((k) => `${k.length}:${k}0:`).join('')}e`);
    let size = 0;
    runOnce(() => { const r = decode(input); size = r.ok && r.value instanceof Map ? r.value.size : 0; });
    expect(size).toBe(100_000);
  });

  it.each([
    ['an integer of a million digits', `i${'9'.repeat(1_000_000)}e`, 'integer-out-of-range'],
    ['a string length of a million digits', `${'9'.repeat(1_000_000)}:x`, 'string-length-exceeds-input'],
  ])('rejects %s without big-number arithmetic', (_name, text, code) => {
    const input = bin(text);
    let result: ReturnType<typeof decode> | undefined;
    runOnce(() => (result = decode(input)));
    expect(result).toMatchObject({ ok: false, error: { code } });
  });
});
