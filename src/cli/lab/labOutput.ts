// Lab output that may run to millions of lines: written to stdout in large pieces, not held whole.

/** Collects text and writes it to `sink` in pieces of about 64 KiB; end() writes the rest. */
export class ChunkedWriter {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly sink: (s: string) => void = (s) => process.stdout.write(s)) {}

  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 65536) this.end();
  }

  end(): void {
    if (this.parts.length === 0) return;
    const s = this.parts.join("");
    this.parts = [];
    this.size = 0;
    this.sink(s);
  }
}
