// Config loading: read → parse YAML → validate with zod → normalize → rules. Every problem is
// collected and reported at once, each with file:line:column and a dotted path, so a user
// fixes the whole file in one go instead of one error per run.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError, MlcError, type ConfigProblem } from '../domain/errors.js';
import { indentCulprit, INDENT_CODES } from './indent.js';
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
    const found = doc.errors.map((e) => {
      const pos = counter.linePos(e.pos[0]);
      return { code: e.code, problem: { file: name, line: pos.line, column: pos.col, path: '', message: `YAML: ${e.message.split('\n')[0]}` } };
    });
    throw new ConfigError(withIndentCulprit(text, found, name));
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
 * An indentation mistake: one problem on the line to fix instead of the parser's cascade
 * (which starts on the line above an over-indented one, or after an over-indented first key).
 * Other YAML problems are kept as they are.
 */
function withIndentCulprit(text: string, found: Array<{ code: string; problem: ConfigProblem }>, file: string): ConfigProblem[] {
  const indent = found.filter((f) => INDENT_CODES.has(f.code));
  const culprit = indent.length > 0 ? indentCulprit(text) : undefined;
  const lines = indent.map((f) => f.problem.line);
  if (!culprit || culprit.line < Math.min(...lines) - 5 || culprit.line > Math.max(...lines) + 1) return found.map((f) => f.problem);
  const others = found.filter((f) => !INDENT_CODES.has(f.code)).map((f) => f.problem);
  return [{ file, line: culprit.line, column: culprit.column, path: '', message: `YAML: ${culprit.message}` }, ...others].sort(byPosition);
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
      const hint = suggestKey(WrittenConfig, path, key, raw);
      return { file, line: pos.line, column: pos.column, path: dottedPath(full), message: `unknown key${hint ? ` (did you mean "${hint}"?)` : ''}` };
    });
  }
  const pos = locate(doc, counter, path);
  return [{ file, line: pos.line, column: pos.column, path: dottedPath(path), message: describeIssue(issue, raw) + (tooLittleIndent(issue, raw) ?? '') }];
}

/**
 * `targets.concurrency: expected object` when `concurrency` was meant for the target above
 * it: the line is indented too little. Said when the key is one the previous entry knows.
 */
function tooLittleIndent(issue: Issue, raw: unknown): string | undefined {
  const path = issue.path as PropertyKey[];
  const key = path.at(-1);
  if (issue.code !== 'invalid_type' || issue.expected !== 'object' || typeof key !== 'string') return undefined;
  const parent = valueAt(raw, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return undefined;
  const keys = Object.keys(parent);
  const above = keys[keys.indexOf(key) - 1];
  if (above === undefined || suggestKey(WrittenConfig, [...path.slice(0, -1), above], key, raw) !== key) return undefined;
  return ` (is the line indented too little? "${key}" is a setting of ${dottedPath([...path.slice(0, -1), above])}, the entry above it)`;
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
      if (value === undefined) return `is required (${issue.expected})`;
      // A schema's own words (Duration: "a duration such as 10s") beat zod's generic ones.
      return issue.message.startsWith('Invalid input') ? `expected ${issue.expected}, got ${describeValue(value)}` : issue.message;
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
