/**
 * The receiving side of bench:webhooks, in a process of its own as real receivers would be: N HTTP
 * servers on 127.0.0.1 that answer 200 at once and note, per delivery, the time from the event's
 * commit (`recordedtime` in the CloudEvent) to its arrival. Started by webhooks.bench.ts with fork;
 * answers its counts (and, when asked, its latencies) over IPC.
 */
import { createServer } from 'node:http';

async function main(): Promise<void> {
  const count = Number(process.env.BENCH_RECEIVERS ?? '1');
  const received = Array.from({ length: count }, () => 0);
  const ids = Array.from({ length: count }, () => new Set<string>());
  let latencies: number[] = [];
  const urls: string[] = [];
  for (let index = 0; index < count; index++) {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const arrived = Date.now();
        const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string; recordedtime: string };
        if (!ids[index].has(event.id)) {
          ids[index].add(event.id);
          received[index] += 1;
        }
        latencies.push(arrived - Date.parse(event.recordedtime));
        response.writeHead(200).end();
      });
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    urls.push(`http://127.0.0.1:${address.port}/in`);
  }
  process.send?.({ urls });
  process.on('message', (message: { counts?: boolean; latencies?: boolean; reset?: boolean }) => {
    if (message.reset) {
      latencies = [];
      for (let i = 0; i < count; i++) {
        ids[i].clear();
        received[i] = 0;
      }
      process.send?.({ reset: true });
    }
    if (message.counts) process.send?.({ counts: received });
    if (message.latencies) process.send?.({ latencies });
  });
}

void main();
