// Written config → runtime Config. Only called once the schema accepted the file, so the
// durations parse (the schema's regex and parseDuration agree) and required values exist.
import { dirname, resolve } from 'node:path';
import { ms, retryPolicy } from './common.js';
import { targetSpecs } from '../adapters/registry.js';
import { loadReference } from './lookups.js';
import type { RuleProblem } from './rules.js';
import type { WrittenConfig } from './schema.js';
import type { Config, FlowSettings } from './types.js';

/** `problems` receives what only shows while normalising (unreadable lookup files, CSV errors). */
export function normalize(written: WrittenConfig, file: string, problems: RuleProblem[] = []): Config {
  const dir = dirname(resolve(file));
  const b = written.bamboohr;
  const domain = b.companyDomain.toLowerCase();
  return {
    file: resolve(file),
    dir,
    timezone: written.timezone,
    state: {
      path: resolve(dir, written.state.path),
      busyTimeoutMs: ms(written.state.busyTimeout),
      lockStaleAfterMs: ms(written.state.lockStaleAfter),
    },
    secrets: {
      keychainService: written.secrets.keychainService ?? `mlc:${domain}`,
      file: written.secrets.file ? resolve(dir, written.secrets.file) : undefined,
    },
    logging: {
      level: written.logging.level,
      file: written.logging.file ? resolve(dir, written.logging.file) : undefined,
      format: written.logging.format,
    },
    bamboohr: {
      companyDomain: domain,
      baseUrl: (b.baseUrl ?? `https://${domain}.bamboohr.com`).replace(/\/+$/, ''),
      auth: b.auth,
      oauth: b.oauth,
      tables: [...new Set(b.tables)],
      fields: [...new Set(b.fields)],
      allowMissingFields: b.allowMissingFields === true ? true : b.allowMissingFields === false ? [] : b.allowMissingFields,
      changedOverlapMs: ms(b.changedOverlap),
      perEmployeeMax: b.perEmployeeMax,
      bulkRead: b.bulkRead,
      timeoutMs: ms(b.timeout),
      maxResponseBytes: b.maxResponseBytes,
      retry: retryPolicy(b.retry),
    },
    targets: Object.fromEntries(Object.entries(written.targets).map(([name, t]) => [name, targetSpecs[t.type]!.normalize(t, name)])),
    flows: Object.entries(written.flows).map(([name, f]): FlowSettings => ({
      name,
      target: f.target,
      filter: f.filter,
      unmapped: f.unmapped,
      references: Object.fromEntries(
        Object.entries(f.references).map(([slot, r]) => [slot, loadReference(r, dir, ['flows', name, 'references', slot], problems, { name: f.target, type: written.targets[f.target]?.type })]),
      ),
      fields: f.fields,
      names: f.names,
      options: flowOptions(written, name, f.target, f.options, problems),
    })),
    audit: { redact: written.audit.redact },
    notify: written.notify,
    webhook: webhookSettings(written.webhook, dir),
    report: { names: written.report.names },
  };
}

/** A flow's `options:` through its target's flowOptions schema; problems name the flow's path. */
function flowOptions(written: WrittenConfig, flow: string, target: string, options: Record<string, unknown>, problems: RuleProblem[]): Record<string, unknown> {
  const spec = targetSpecs[written.targets[target]?.type ?? ''];
  if (!spec?.flowOptions) {
    if (Object.keys(options).length > 0) problems.push({ path: ['flows', flow, 'options'], severity: 'error', message: `${spec?.displayName ?? 'this target'} takes no flow options` });
    return options;
  }
  const parsed = spec.flowOptions.safeParse(options);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  for (const issue of parsed.error.issues) problems.push({ path: ['flows', flow, 'options', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], severity: 'error', message: issue.message });
  return options;
}

function webhookSettings(w: WrittenConfig['webhook'], dir: string): Config['webhook'] {
  return {
    host: w?.host ?? '127.0.0.1',
    port: w?.port ?? 8787,
    path: w?.path ?? '/bamboohr/webhook',
    publicUrl: w?.publicUrl,
    tls: w?.tls ? { cert: resolve(dir, w.tls.cert), key: resolve(dir, w.tls.key) } : undefined,
    maxBodyBytes: w?.maxBodyBytes ?? 262_144,
    timestampToleranceMs: ms(w?.timestampTolerance ?? '5m'),
    debounceMs: ms(w?.debounce ?? '5s'),
    name: w?.name ?? 'mlc',
  };
}
