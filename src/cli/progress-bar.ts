// A progress bar for long commands (imports): bytes read of the file's size, redrawn on one
// line of standard error at most ten times a second, and only when that is a terminal.

const width = 30;
const redrawMs = 100;

const mib = (bytes: number): string => (bytes / 1_048_576).toFixed(1);

export function progressBar(err: NodeJS.WritableStream & { isTTY?: boolean }, label: string) {
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done: number, total: number): void {
      if (!err.isTTY) return;
      const now = performance.now();
      if (now - lastDraw < redrawMs && done < total) return;
      lastDraw = now;
      const share = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(share * width);
      err.write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${Math.floor(share * 100)}% ${mib(done)}/${mib(total)} MiB`);
      drawn = true;
    },
    /** Ends the bar's line so what follows starts on a line of its own. */
    end(): void {
      if (drawn) err.write('\n');
    },
  };
}
