import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}
export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  /** Never answer (a hung receiver). */
  hang?: true;
}

/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests: records every request and answers with
 * the scripted answers in order (the last one repeats).
 */
export async function startReceiver(script: ScriptedAnswer[] = [{ status: 200 }]) {
  const received: Received[] = [];
  const hung: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = script[Math.min(received.length - 1, script.length - 1)]!;
      if (answer.hang) {
        hung.push(() => res.destroy());
        return;
      }
      res.writeHead(answer.status, answer.headers).end('receiver says hi');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: async () => {
      for (const end of hung) end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
