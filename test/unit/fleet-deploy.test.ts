// The deployment examples, checked here without Docker or a cluster (neither runs on this
// machine): the Dockerfile's promises (Node 20, the project's own npm ci, better-sqlite3 from
// source, an unprivileged user), and the CronJob manifest's: Forbid matching mlc's lock, state
// on its PersistentVolumeClaim, a ConfigMap that mlc itself accepts, and a Secret holding
// exactly the variables that config needs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { expectedSecrets } from '../../src/app/secrets.js';
import { loadConfig } from '../../src/config/load.js';
import { envVarName } from '../../src/secrets/env.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
const root = new URL('../../', import.meta.url);
type Doc = Record<string, any>; // manifests are free-form YAML

describe('deployment examples', () => {
  it('Dockerfile: Node 20, npm ci, better-sqlite3 built from source, runs as an unprivileged user', () => {
    const text = readFileSync(new URL('Dockerfile', root), 'utf8');
    const stages = text.split(/^FROM /m).slice(1);
    expect(stages).toHaveLength(2);
    for (const s of stages) expect(s).toMatch(/^node:20-/);
    const [build, runtime] = stages as [string, string];
    expect(build).toMatch(/apt-get install -y --no-install-recommends python3 make g\+\+/);
    expect(build).toMatch(/RUN npm ci\b/);
    expect(build).toContain('npm rebuild better-sqlite3 --build-from-source');
    expect(build).toContain('npm prune --omit=dev');
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).not.toMatch(/^USER root/m);
    expect(runtime).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--", "node", "\/app\/bin\/mlc\.js"\]$/m);
  });

  it('CronJob: Forbid, state on its volume, a config mlc accepts and a Secret with exactly its variables', () => {
    const docs = parseAllDocuments(readFileSync(new URL('deploy/k8s/cronjob.yaml', root), 'utf8')).map((d) => d.toJS() as Doc);
    expect(docs.map((d) => d.kind)).toEqual(['PersistentVolumeClaim', 'ConfigMap', 'Secret', 'CronJob']);
    const [pvc, configMap, secret, cron] = docs as [Doc, Doc, Doc, Doc];
    expect(cron.spec.concurrencyPolicy).toBe('Forbid');
    const pod = cron.spec.jobTemplate.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 });
    const [container] = pod.containers as Doc[];
    expect(container!.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    const volume = (name: string) => (pod.volumes as Doc[]).find((v) => v.name === name)!;
    const mount = (name: string) => (container!.volumeMounts as Doc[]).find((m) => m.name === name)!;
    expect(volume('state').persistentVolumeClaim.claimName).toBe(pvc.metadata.name);
    expect(volume('config').configMap.name).toBe(configMap.metadata.name);
    expect(container!.envFrom[0].secretRef.name).toBe(secret.metadata.name);
    expect(container!.args.slice(0, 3)).toEqual(['sync', '--config', `${mount('config').mountPath}/mlc.yaml`]);

    // The ConfigMap as mounted: mlc loads it (lookups and all), its state sits on the volume.
    const dir = tmp();
    for (const [file, text] of Object.entries(configMap.data as Record<string, string>)) writeFileSync(join(dir, file), text);
    const { config } = loadConfig(join(dir, 'mlc.yaml'));
    expect(config.state.path.startsWith(`${mount('state').mountPath}/`)).toBe(true);
    expect(Object.keys(secret.stringData).sort()).toEqual(expectedSecrets(config).map((r) => envVarName(r, {})).sort());
  });
});
