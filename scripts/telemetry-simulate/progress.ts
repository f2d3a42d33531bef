// A one-line progress report on stderr: redrawn in place (\r) at most ten times a second on a terminal, a
// plain line every five seconds otherwise (a CI log or a file should not fill up with redraws).
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): boolean;
}

export interface Progress {
  update(line: (bar: (fraction: number) => string) => string, force?: boolean): void;
  /** Draws the last state and ends the line. */
  finish(line: (bar: (fraction: number) => string) => string): void;
}

const WIDTH = 24;

function bar(fraction: number): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * WIDTH);
  return `[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%`;
}

export function createProgress(stream: ProgressStream = process.stderr, now = () => Date.now()): Progress {
  const interactive = Boolean(stream.isTTY);
  const every = interactive ? 100 : 5000;
  let last = -Infinity;
  let drawn = 0;
  const draw = (text: string) => {
    if (!interactive) return void stream.write(`${text}\n`);
    const width = (stream.columns ?? 120) - 1;
    const clipped = text.slice(0, width);
    stream.write(`\r${clipped}${" ".repeat(Math.max(0, drawn - clipped.length))}`);
    drawn = clipped.length;
  };
  return {
    update(line, force = false) {
      const at = now();
      if (!force && at - last < every) return;
      last = at;
      draw(line(bar));
    },
    finish(line) {
      draw(line(bar));
      if (interactive) stream.write("\n");
    },
  };
}
