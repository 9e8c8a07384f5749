// How the fleet writes a max age: as people write it in fleet.yaml and --max-age, so 26h
// stays 26h (formatDuration, made for ages, would say 1.1d). No imports beyond the domain:
// the command module loads it at start-up.
import { formatDuration } from '../../domain/duration.js';

export function maxAgeText(ms: number): string {
  if (ms > 0 && ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms > 0 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  return formatDuration(ms);
}
