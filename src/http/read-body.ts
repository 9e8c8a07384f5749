// Reading an incoming request body with a size cap (the webhook receiver, the simulators).
import type { IncomingMessage } from 'node:http';

/** The body, or undefined when it exceeds `max` bytes (the rest is read and discarded). */
export function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
    });
    req.on('end', () => resolve(size > max ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
