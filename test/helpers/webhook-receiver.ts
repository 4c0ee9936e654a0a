/** A loopback webhook endpoint for delivery tests: it keeps the body of every POST and answers 204 after a delay. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookReceiver {
  url: string;
  posts: string[];
  server: Server;
  close(): void;
}

/** `delayMs`: how long each answer waits, so that two senders' deliveries would overlap. */
export async function webhookReceiver(delayMs: number): Promise<WebhookReceiver> {
  const posts: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      posts.push(body);
      setTimeout(() => res.writeHead(204).end(), delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const close = () => {
    server.closeAllConnections();
    server.close();
  };
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, posts, server, close };
}
