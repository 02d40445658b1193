// A progress line on stderr for long work: count, rate, and what is being read. Silent when stderr is
// not a terminal (CI logs, pipes) so machine output on stdout stays clean.

export interface ProgressBar {
  update(done: number, extra?: string): void;
  finish(): void;
}

export function progressBar(label: string, total: number | null, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const enabled = !!stream.isTTY;
  const t0 = performance.now();
  let last = 0;
  let lastDone = 0;
  const draw = (done: number, extra = "") => {
    const secs = (performance.now() - t0) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    let bar = "";
    if (total) {
      const frac = Math.min(1, done / total);
      const cells = 20;
      const full = Math.round(frac * cells);
      bar = `[${"█".repeat(full)}${"░".repeat(cells - full)}] ${done}/${total} `;
    } else bar = `${done} `;
    const line = `${label} ${bar}${rate.toFixed(1)} pages/s ${extra}`;
    stream.write("\r" + line.slice(0, width).padEnd(width) + "\r");
  };
  return {
    update(done, extra) {
      lastDone = done;
      if (!enabled) return;
      const now = performance.now();
      if (now - last < 80 && done !== total) return;
      last = now;
      draw(done, extra);
    },
    finish() {
      if (!enabled) return;
      draw(lastDone);
      stream.write("\n");
    },
  };
}
