// Reading agent.yaml: YAML → zod, every problem reported with its dotted path and line,
// relative paths resolved against the config file's folder.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { AgentConfig } from './schema.js';

export class AgentConfigError extends Error {
  override readonly name = 'AgentConfigError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}:\n  ${problems.join('\n  ')}`);
  }
}

export interface LoadedConfig {
  config: AgentConfig;
  /** The folder of the config file: certificate, key hash and seed paths are relative to it. */
  dir: string;
  file: string;
}

export function resolveIn(dir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dir, path);
}

export function parseAgentConfig(text: string, file: string): AgentConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) throw new AgentConfigError(file, doc.errors.map((e) => e.message.split('\n')[0] ?? e.message));
  const result = AgentConfig.safeParse(doc.toJS() ?? {});
  if (result.success) return result.data;
  throw new AgentConfigError(
    file,
    result.error.issues.map((issue) => {
      const path = issue.path.map(String);
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      const at = node?.range ? ` (line ${lines.linePos(node.range[0]).line})` : '';
      return `${path.join('.') || '(top level)'}: ${issue.message}${at}`;
    }),
  );
}

export function loadAgentConfig(file: string): LoadedConfig {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new AgentConfigError(path, [`cannot read the file: ${err instanceof Error ? err.message : String(err)}`]);
  }
  return { config: parseAgentConfig(text, path), dir: dirname(path), file: path };
}
