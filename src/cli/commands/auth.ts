// `mlc auth set|list|delete|login`: manage the secrets each connection needs. Values are read
// from a hidden prompt or stdin, listed by name and source only, never printed.
import { Command, Option } from 'commander';
import { withCommon } from '../common.js';
import { readSecret } from '../prompt.js';
import { logLevelOf, runCommand, type CommonOptions } from '../run.js';

const NAME = /^[a-z][a-z0-9_-]*$/;

export function authCommand(): Command {
  const cmd = new Command('auth').description('manage credentials (keychain, secrets file or environment)');

  withCommon(cmd.command('set').argument('<connection>', 'e.g. bamboohr').argument('<secret>', 'e.g. api_key').description('store a secret read from a hidden prompt or stdin'))
    .action((connection: string, secret: string, opts: CommonOptions) =>
      runCommand(async (o) => {
        const { AppContext } = await import('../../app/context.js');
        const { checkSecretName } = await import('../../app/secrets.js');
        const { MlcError } = await import('../../domain/errors.js');
        if (!NAME.test(connection) || !NAME.test(secret)) throw new MlcError('usage', 'connection and secret names are lowercase letters, digits, _ and -');
        const ctx = AppContext.create({ config: opts.config, logLevel: logLevelOf(opts) });
        const { note } = checkSecretName(ctx.config, { connection, name: secret }); // before the prompt: a typo asks for nothing
        const where = await ctx.secrets.set({ connection, name: secret }, await readSecret(`Value for ${connection}.${secret}`));
        o.out(`stored ${connection}.${secret} in the ${where}`);
        if (note) o.err(`note: ${note}`);
        if (where === 'keychain' && process.platform === 'linux') {
          o.err('note: cron jobs have no desktop D-Bus session; on a headless host use MLC_* environment variables or secrets.file');
        }
      }),
    );

  withCommon(cmd.command('list').description('list secrets by name and where each comes from (never values)'))
    .addOption(new Option('--json', 'print as JSON'))
    .action((opts: CommonOptions & { json?: boolean }) =>
      runCommand(async (o) => {
        const { AppContext } = await import('../../app/context.js');
        const { expectedSecrets } = await import('../../app/secrets.js');
        const { envVarName } = await import('../../secrets/env.js');
        const ctx = AppContext.create({ config: opts.config, logLevel: logLevelOf(opts) });
        const listing = await ctx.secrets.list(expectedSecrets(ctx.config));
        const backends = await ctx.secrets.backendStatus();
        if (opts.json) return void o.json({ secrets: listing.map((l) => ({ ...l.ref, env: envVarName(l.ref), sources: l.sources })), backends });
        for (const l of listing) {
          const name = `${l.ref.connection}.${l.ref.name}`.padEnd(28);
          o.out(`${name} ${l.sources.length ? l.sources.join(', ') : o.yellow('not set')}  (env: ${envVarName(l.ref)})`);
        }
        for (const b of backends) if (!b.available) o.err(`${b.source}: unavailable: ${b.reason}`);
      }),
    );

  withCommon(cmd.command('delete').argument('<connection>').argument('<secret>').description('delete a stored secret (keychain and secrets file)'))
    .action((connection: string, secret: string, opts: CommonOptions) =>
      runCommand(async (o) => {
        const { AppContext } = await import('../../app/context.js');
        const { knownSecrets } = await import('../../app/secrets.js');
        const { closest } = await import('../../config/suggest.js');
        const { envVarName } = await import('../../secrets/env.js');
        const ctx = AppContext.create({ config: opts.config, logLevel: logLevelOf(opts) });
        const ref = { connection, name: secret };
        const from = await ctx.secrets.delete(ref);
        // Deleting what is not there leaves the state asked for, like `rm -f`: exit 0 with a
        // note. (1 means "records parked or failed"; 2 would blame a command line that was fine.)
        if (from.length) o.out(`deleted ${connection}.${secret} from the ${from.join(' and the ')}`);
        else {
          const near = closest(secret, knownSecrets(ctx.config).get(connection) ?? []);
          o.out(`${connection}.${secret} was not stored: nothing to delete${near && near !== secret ? ` (did you mean "${near}"?)` : ''}`);
        }
        if (process.env[envVarName(ref)]) o.err(`note: ${envVarName(ref)} is set in the environment and still provides ${connection}.${secret}`);
        return 0;
      }),
    );

  withCommon(cmd.command('login').argument('<system>', 'bamboohr').description('OAuth login: open the authorize URL, receive the code on a loopback redirect, store the refresh token'))
    .addOption(new Option('--timeout <duration>', 'how long to wait for the redirect').default('5m'))
    .action((system: string, opts: CommonOptions & { timeout: string }) =>
      runCommand(async (o) => {
        const { AppContext } = await import('../../app/context.js');
        const { loginBamboo } = await import('../../app/auth-login.js');
        const { MlcError } = await import('../../domain/errors.js');
        if (system !== 'bamboohr') throw new MlcError('usage', `OAuth login is for bamboohr; other systems use \`mlc auth set\``);
        const ctx = AppContext.create({ config: opts.config, logLevel: logLevelOf(opts) });
        try {
          await loginBamboo(ctx, { timeout: opts.timeout, print: (l) => o.err(l) });
          o.out('logged in to BambooHR: refresh token stored');
        } finally {
          await ctx.close();
        }
      }),
    );
  return cmd;
}
