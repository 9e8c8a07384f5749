// Reading a secret value: from a hidden prompt on a terminal, otherwise from stdin (a pipe
// or a file). Never from argv, where `ps` and shell history would show it.
import { MlcError } from '../domain/errors.js';

export async function readSecret(label: string, stdin: NodeJS.ReadStream = process.stdin, stderr: NodeJS.WriteStream = process.stderr): Promise<string> {
  const value = stdin.isTTY ? await hiddenPrompt(label, stdin, stderr) : await readAll(stdin);
  if (value === '') throw new MlcError('usage', 'empty value: nothing stored');
  return value;
}

async function readAll(stdin: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  // One trailing newline comes from `echo` or an editor; anything else is part of the value.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function hiddenPrompt(label: string, stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    stderr.write(`${label}: `);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new MlcError('usage', 'cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
