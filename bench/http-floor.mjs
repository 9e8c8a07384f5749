#!/usr/bin/env node
// The HTTP part of the floor (issue 9): the CPU undici alone needs for an initial load's
// NetSuite writes, with no mlc code at all. N PUTs of a NetSuite-sized employee body go
// `concurrency` at a time through one undici Agent, by dispatch() with a handler that gathers
// the body (as src/http/client.ts does), to a bare node:http server in another process that
// answers 204 with a Location, as NetSuite does for an upsert. Each round is a fresh process,
// cold like every mlc run; one process doing a second round needs about half the CPU (JIT).
// Usage: node bench/http-floor.mjs [--requests 9500] [--concurrency 10] [--rounds 3]
//        [--connections 16] [--pipelining 1]
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseArgs, promisify } from 'node:util';
import { Agent } from 'undici';
import { median } from './median.mjs';

const run = promisify(execFile);

const { values: a } = parseArgs({
  options: {
    requests: { type: 'string', default: '9500' }, concurrency: { type: 'string', default: '10' }, rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '16' }, pipelining: { type: 'string', default: '1' },
    port: { type: 'string' }, warm: { type: 'boolean', default: false },
  },
});

// The server: its CPU is not ours, so it runs in a child process.
const SERVER = `const http = require('node:http'); let n = 0;
http.createServer((req, res) => { req.resume(); req.on('end', () => { n++; res.writeHead(204, { location: 'http://127.0.0.1/services/rest/record/v1/employee/' + n }); res.end(); }); })
  .listen(0, '127.0.0.1', function () { console.log(this.address().port); });`;

const body = JSON.stringify({
  externalId: 'bhr-1001', firstName: 'Ada', lastName: 'Lovelace', email: 'ada.lovelace@example.com', title: 'Engineer', isInactive: false,
  hireDate: '2020-01-01', phone: '555-0100', subsidiary: { id: '1' }, department: { id: '12' }, location: { id: '3' }, supervisor: { id: '77' },
});

function put(agent, origin, i) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    agent.dispatch(
      { origin, path: `/services/rest/record/v1/employee/eid:bhr-${i}`, method: 'PUT', body, headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${'x'.repeat(40)}` } },
      { onRequestStart() {}, onResponseStart() {}, onResponseData(_c, d) { chunks.push(d); }, onResponseEnd() { resolve(Buffer.concat(chunks)); }, onResponseError(_c, e) { reject(e); } },
    );
  });
}

async function round(origin) {
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: Number(a.connections), pipelining: Number(a.pipelining) });
  const total = Number(a.requests);
  let next = 0;
  const c0 = process.cpuUsage();
  const lane = async () => { while (next < total) await put(agent, origin, next++); };
  await Promise.all(Array.from({ length: Number(a.concurrency) }, lane));
  const c = process.cpuUsage(c0);
  await agent.close();
  return Math.round((c.user + c.system) / 1000);
}

if (a.port) {
  // One round in this (fresh) process; --warm runs a second and reports that one too.
  const origin = `http://127.0.0.1:${a.port}`;
  const cold = await round(origin);
  console.log(JSON.stringify({ cold, warm: a.warm ? await round(origin) : undefined }));
} else {
  const server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  // The port is the server's first line (a 'data' chunk need not be a whole line).
  const [port] = await once(createInterface({ input: server.stdout }), 'line');
  try {
    const cpu = [];
    for (let r = 1; r <= Number(a.rounds); r++) {
      const args = [process.argv[1], '--port', port, '--requests', a.requests, '--concurrency', a.concurrency, '--connections', a.connections, '--pipelining', a.pipelining, ...(r === 1 ? ['--warm'] : [])];
      const out = await run(process.execPath, args);
      const { cold, warm } = JSON.parse(out.stdout);
      cpu.push(cold);
      console.log(`round ${r}: ${cold} ms of CPU for ${a.requests} PUTs in a fresh process${warm === undefined ? '' : ` (a second round in it: ${warm} ms)`}`);
    }
    const mid = median(cpu);
    console.log(`undici alone: ${a.requests} PUTs, ${a.concurrency} at a time, fresh process: median ${mid} ms of CPU, ${Math.round((mid * 1000) / Number(a.requests))} µs an exchange`);
  } finally {
    server.kill();
  }
}
