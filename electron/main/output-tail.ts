/** The last few kilobytes a child process printed, to show when it keeps failing. */
export class OutputTail {
  private text = '';

  constructor(private readonly maxChars = 4000) {}

  push(chunk: string | Uint8Array): void {
    this.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (this.text.length > this.maxChars) this.text = this.text.slice(this.text.length - this.maxChars);
  }

  /** Whole lines only: the first line may have been cut by the limit. */
  toString(): string {
    const firstBreak = this.text.length >= this.maxChars ? this.text.indexOf('\n') : -1;
    return firstBreak >= 0 ? this.text.slice(firstBreak + 1) : this.text;
  }
}
