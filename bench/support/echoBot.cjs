/**
 * The framework floor for `npm run bench`: a bare botbuilder CloudAdapter echo bot on restify,
 * the same versions trustline runs on, authentication off (no app id, as in the harness). It
 * does what every Teams bot must do for a message (parse, adapter turn, one reply through the
 * Connector) and nothing else, so trustline's figures can be read as a ratio to it.
 * Plain CommonJS run by `node`, as trustline's built `dist/` is, so both start the same way.
 */
'use strict';
/* global require, process */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const restify = require('restify');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const server = restify.createServer({ name: 'floor' });
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.get('/healthz', (_req, res, next) => {
  res.send(200, { ok: true });
  next();
});
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, async (context) => {
    if (context.activity.type === 'message') await context.sendActivity(`You said: ${context.activity.text}`);
  });
});
server.listen(Number(process.env.PORT ?? 3979), process.env.HOST ?? '127.0.0.1', () => {
  process.stdout.write(`floor listening on ${server.url}\n`);
});
// Exit normally on SIGTERM, so `node --cpu-prof` writes its profile (bench/profileTurns.ts floor).
process.once('SIGTERM', () => process.exit(0));
