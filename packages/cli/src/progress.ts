/** A progress bar on a terminal's standard error; silent when it is not a terminal. */
export class Progress {
  private lastDraw = 0;
  private readonly enabled: boolean;

  constructor(
    private readonly total: number | undefined,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.enabled = Boolean(stream.isTTY);
  }

  update(done: number, rows: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = 30;
    if (this.total) {
      const share = Math.min(1, done / this.total);
      const filled = Math.round(share * width);
      this.stream.write(
        `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(share * 100).toFixed(0)}%  ${rows} rows`,
      );
    } else {
      this.stream.write(`\r${rows} rows`);
    }
  }

  clear(): void {
    if (this.enabled) this.stream.write("\r\x1b[K");
  }
}
