// What a command writes to and reads from, so tests can run commands in-process.
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
};

/** Exit codes, documented in the README and never renumbered (they follow mlc's table, DESIGN §5). */
export const EXIT = { ok: 0, usage: 2, boiUnavailable: 3, auth: 4, internal: 70 } as const;

export function configPath(option: string | undefined, env: NodeJS.ProcessEnv): string {
  return option ?? env['MLC_SAGE100_AGENT_CONFIG'] ?? 'agent.yaml';
}
