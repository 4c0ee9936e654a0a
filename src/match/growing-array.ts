/** An Int32Array filled by appending (a build does not know its sizes ahead), trimmed when done. */
export class GrowingInt32 {
  private data = new Int32Array(1024);
  length = 0;

  push(v: number): void {
    this.room(1);
    this.data[this.length++] = v;
  }

  /** The next `n` slots, appended, as a view to write into (valid until the next append). */
  extend(n: number): Int32Array {
    this.room(n);
    const view = this.data.subarray(this.length, this.length + n);
    this.length += n;
    return view;
  }

  /** The values appended, in an array of their size. */
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }

  private room(n: number): void {
    if (this.length + n <= this.data.length) return;
    const grown = new Int32Array(Math.max(this.data.length * 2, this.length + n));
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }
}
