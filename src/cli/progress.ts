import cliProgress from 'cli-progress';

/**
 * A progress bar on stderr when it is a terminal and the output is for people (not --json); otherwise silent.
 * Shows rows (or bytes) per second.
 */
export function progressBar(label: string, options: { quiet?: boolean; unit?: string } = {}) {
  if (options.quiet || !process.stderr.isTTY) return { update: (_done: number, _total?: number) => {}, stop: () => {} };
  const unit = options.unit ?? 'rows';
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} {bar} {value} ${unit}{totalText} · {rate} ${unit}/s`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(0, 0, { rate: 0, totalText: '' });
  return {
    update(done: number, total?: number) {
      if (total) bar.setTotal(total);
      const seconds = (performance.now() - started) / 1000;
      bar.update(done, { rate: Math.round(done / Math.max(seconds, 1e-3)), totalText: total ? ` of ${total}` : '' });
    },
    stop: () => bar.stop(),
  };
}
