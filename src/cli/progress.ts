// A progress bar on stderr for long runs, only on a terminal (never in cron logs or pipes).
import type { SingleBar } from 'cli-progress';

export async function progressBar(enabled: boolean): Promise<{ update(done: number, total: number): void; stop(): void }> {
  if (!enabled || !process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const { default: cliProgress } = await import('cli-progress');
  let bar: SingleBar | undefined;
  return {
    update(done, total) {
      if (total < 50) return;
      bar ??= new cliProgress.SingleBar({ stream: process.stderr, format: 'applying {bar} {value}/{total} {eta_formatted} left', hideCursor: true }, cliProgress.Presets.shades_classic);
      if (done === 1) bar.start(total, 0);
      bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}
