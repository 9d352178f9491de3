/**
 * CPU per reply sent through a Connector client, with and without teams/activityBody.ts's one-pass
 * body, alternated block by block in one process (a busy machine moves both alike): each reply is
 * an answer card rendered from its sample data, sent with `replyToActivity` to a local stand-in.
 * Usage: npx tsx bench/replySend.ts [replies per block, 500] [blocks, 10]
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CardFactory, type Activity } from 'botbuilder';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import { serialiseActivitiesOnce } from '../src/teams/activityBody';
import { renderCard, CARDS_DIR } from '../src/cards/render';
import fs from 'node:fs';
import path from 'node:path';

async function main(): Promise<void> {
  const perBlock = Number(process.argv[2] ?? 500);
  const blocks = Number(process.argv[3] ?? 10);
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{"id":"a"}');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const data = JSON.parse(fs.readFileSync(path.join(CARDS_DIR, 'samples', 'answer.data.json'), 'utf8')) as object;
  const reply = (): Partial<Activity> => ({
    type: 'message', serviceUrl: url, channelId: 'msteams', locale: 'en-GB', replyToId: 'in-1', summary: 'Policy answer: 7.6.15',
    from: { id: '28:trustline-bot', name: 'trustline' },
    recipient: { id: '29:teacher', name: 'Alex Teacher', aadObjectId: '00000000-0000-4000-8000-746561636865' },
    conversation: { id: 'a:personal-1', name: '', conversationType: 'personal', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', isGroup: false },
    attachments: [CardFactory.adaptiveCard(renderCard('answer', data))],
  });
  const clients = { sdk: new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: url }), once: new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: url }) };
  serialiseActivitiesOnce(clients.once);
  const activities = Array.from({ length: perBlock }, reply);
  const run = async (client: ConnectorClient) => {
    const start = process.cpuUsage();
    for (let i = 0; i < perBlock; i += 10) {
      await Promise.all(activities.slice(i, i + 10).map((a) => client.conversations.replyToActivity('a:personal-1', 'in-1', a as Activity)));
    }
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000 / perBlock;
  };
  await run(clients.sdk); // warm-up
  await run(clients.once);
  const figures: Record<'sdk' | 'once', number[]> = { sdk: [], once: [] };
  for (let b = 0; b < blocks; b++) {
    for (const name of (b % 2 ? ['once', 'sdk'] : ['sdk', 'once']) as ('sdk' | 'once')[]) figures[name].push(await run(clients[name]));
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  for (const name of ['sdk', 'once'] as const) {
    console.log(`${name.padEnd(4)}  median ${median(figures[name]).toFixed(3)} ms CPU per reply (stand-in included)  [${figures[name].map((x) => x.toFixed(3)).join(' ')}]`);
  }
  server.close();
}

main().catch((err: unknown) => { console.error(err); process.exit(1); });
