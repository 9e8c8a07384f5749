// `mlc demo`: a real run against the simulators, end to end, then clean up.
import { Command, Option } from 'commander';
import { runCommand } from '../run.js';

export function demoCommand(): Command {
  return new Command('demo')
    .description('start the simulators and run mlc against them end to end (nothing outside a temp folder is touched)')
    .addOption(new Option('--size <n>', 'employees in the simulated company').default('300'))
    .addOption(new Option('--erp <name>', 'which ERP simulator: netsuite (default), d365, syspro, gp or sage100').default('netsuite'))
    .action((f: { size: string; erp: string }) =>
      runCommand(async (o) => {
        const { runDemo } = await import('../../app/demo.js');
        await runDemo((l) => o.out(l), { size: Number(f.size), erp: f.erp });
      }),
    );
}
