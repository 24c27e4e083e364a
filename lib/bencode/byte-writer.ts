const INITIAL_CAPACITY = 256;

/** One growing buffer, doubled as needed, so encoding costs amortised O(output) with few allocations. */
export class ByteWriter {
  private buffer = new Uint8Array(INITIAL_CAPACITY);
  private length = 0;

  private reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(needed, this.buffer.length * 2));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  /** Chars 0-255, one byte each; false (with a partial write) at the first wider char, which no byte holds. */
  binaryString(text: string): boolean {
    this.reserve(text.length);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code > 0xff) return false;
      this.buffer[this.length++] = code;
    }
    return true;
  }

  bytes(value: Uint8Array): void {
    this.reserve(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
  }

  finish(): Uint8Array {
    return this.length === this.buffer.length ? this.buffer : this.buffer.slice(0, this.length);
  }
}
