// Config loading: read → parse YAML → validate with zod → normalize → rules. Every problem is
// collected and reported at once, each with file:line:column and a dotted path, so a user
// fixes the whole file in one go instead of one error per run.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError, MlcError, type ConfigProblem } from '../domain/errors.js';
import { dottedPath, locate } from './locate.js';
import { normalize } from './normalize.js';
import { applyRules, type RuleProblem } from './rules.js';
import { WrittenConfig } from './schema.js';
import { suggestKey } from './suggest.js';
import type { Config } from './types.js';

export interface LoadedConfig {
  config: Config;
  warnings: ConfigProblem[];
}

/** `--config`, then MLC_CONFIG, then ./mlc.yaml. */
export function configPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? env.MLC_CONFIG ?? 'mlc.yaml');
}

export function loadConfig(file: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new MlcError('config_not_found', code === 'ENOENT' ? `configuration file not found: ${file}` : `cannot read ${file}: ${code ?? String(err)}`, {
      hint: code === 'ENOENT' ? 'pass --config FILE, set MLC_CONFIG, or start from config.example.yaml' : undefined,
    });
  }
  return parseConfig(text, file);
}

export function parseConfig(text: string, file: string): LoadedConfig {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const name = file;
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const pos = counter.linePos(e.pos[0]);
        return { file: name, line: pos.line, column: pos.col, path: '', message: `YAML: ${e.message.split('\n')[0]}` };
      }),
    );
  }
  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError([{ file: name, line: 1, column: 1, path: '', message: 'expected a YAML mapping (key: value lines); the file is empty or not a mapping' }]);
  }
  const parsed = WrittenConfig.safeParse(dropEmpty(raw));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.flatMap((issue) => issueProblems(issue, raw, doc, counter, name)).sort(byPosition));
  }
  const normalizing: RuleProblem[] = [];
  const config = normalize(parsed.data, file, normalizing);
  const found = [...normalizing, ...applyRules(config, parsed.data)].map((p) => {
    const pos = p.at ?? locate(doc, counter, p.path);
    return { severity: p.severity, problem: { file: p.at?.file ?? name, line: pos.line, column: pos.column, path: dottedPath(p.path), message: p.message } };
  });
  const errors = found.filter((f) => f.severity === 'error').map((f) => f.problem);
  if (errors.length > 0) throw new ConfigError(errors.sort(byPosition));
  return { config, warnings: found.filter((f) => f.severity === 'warning').map((f) => f.problem) };
}

/**
 * The normalize step before validation: a key written with no value (`secrets:` whose
 * children are all commented out) means "not set", not "null".
 */
export function dropEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropEmpty);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, dropEmpty(x)]));
}

function byPosition(a: ConfigProblem, b: ConfigProblem): number {
  return a.line - b.line || a.column - b.column;
}

type Issue = z.core.$ZodIssue;

function issueProblems(issue: Issue, raw: unknown, doc: ReturnType<typeof parseDocument>, counter: LineCounter, file: string): ConfigProblem[] {
  const path = issue.path as PropertyKey[];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const full = [...path, key];
      const pos = locate(doc, counter, full, true);
      const hint = suggestKey(WrittenConfig, path, key);
      return { file, line: pos.line, column: pos.column, path: dottedPath(full), message: `unknown key${hint ? ` (did you mean "${hint}"?)` : ''}` };
    });
  }
  const pos = locate(doc, counter, path);
  return [{ file, line: pos.line, column: pos.column, path: dottedPath(path), message: describeIssue(issue, raw) }];
}

function valueAt(raw: unknown, path: PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function describeIssue(issue: Issue, raw: unknown): string {
  const value = valueAt(raw, issue.path as PropertyKey[]);
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? `is required (${issue.expected})` : `expected ${issue.expected}, got ${describeValue(value)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(value)}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options?.length) return `${value === undefined ? 'is required: ' : ''}expected one of ${options.map((o) => JSON.stringify(o)).join(', ')}${value === undefined ? '' : `, got ${describeValue(value)}`}`;
      return `got ${describeValue(value)}, which is none of the accepted forms`;
    }
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `must have at least ${String(issue.minimum)} ${issue.origin === 'array' ? 'entries' : 'characters'}`
        : `must be at least ${String(issue.minimum)}, got ${describeValue(value)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}, got ${describeValue(value)}`;
    default:
      return issue.message.replace(/^Invalid input: /, '');
  }
}

function describeValue(v: unknown): string {
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return JSON.stringify(v);
}
