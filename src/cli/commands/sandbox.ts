// `mlc sandbox`: start the simulators on loopback and print how to point mlc at them, so a
// user can try every command before touching production. Runs until Ctrl-C or SIGTERM.
import { Command, Option } from 'commander';
import { runCommand } from '../run.js';

interface SandboxFlags {
  seed: string;
  size: string;
  port: string;
  latency: string;
  faultRate: string;
  erpConcurrency: string;
  erp: string;
  json?: boolean;
}

export function sandboxCommand(): Command {
  return new Command('sandbox')
    .description('start the simulators on 127.0.0.1 and print their URLs')
    .addOption(new Option('--seed <n>', 'company generator seed').default('1'))
    .addOption(new Option('--size <n>', 'number of employees (10 to 50000)').default('200'))
    .addOption(new Option('--port <n>', 'BambooHR simulator port (0: any free port)').default('0'))
    .addOption(new Option('--latency <ms>', 'added to every API answer').default('0'))
    .addOption(new Option('--fault-rate <0..1>', 'share of API requests answered 429/503').default('0'))
    .addOption(new Option('--erp <name>', 'which ERP simulator: netsuite (default), d365, syspro, gp or sage100').default('netsuite'))
    .addOption(new Option('--erp-concurrency <n>', "the simulated ERP's concurrency limit").default('5'))
    .addOption(new Option('--json', 'print the endpoints (and a matching config) as one JSON line'))
    .action((f: SandboxFlags) =>
      runCommand(
        async (o) => {
          const { startSandbox } = await import('../../app/sandbox.js');
          const sb = await startSandbox({
            seed: Number(f.seed), size: Number(f.size), erp: f.erp, port: Number(f.port), latencyMs: Number(f.latency), faultRate: Number(f.faultRate), erpConcurrency: Number(f.erpConcurrency),
          });
          // Written raw: simulator keys are not secrets, and scrub() would mask the apiKey field.
          if (f.json) process.stdout.write(JSON.stringify({ ...sb.info, target: sb.erp.target, env: sb.env(), files: sb.erp.files(), config: sb.configYaml({ lookupFiles: true }) }) + '\n');
          else for (const line of sb.describe()) o.out(line);
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
          await sb.close();
          if (!f.json) o.err('simulators stopped');
          process.exit(0);
        },
        { keepAlive: true },
      ),
    );
}
