'use strict';

const express = require('express');
const { router: todos } = require('./todos');

const app = express();
const port = Number(process.env.PORT) || 3000;

app.use(express.json());

app.get('/', (req, res) => {
  res.json({ name: 'node-express-example', status: 'ok' });
});

app.get('/health', (req, res) => {
  res.status(200).send('ok');
});

app.use('/todos', todos);

const server = app.listen(port, () => {
  console.log(`listening on port ${port}`);
});

// Exit cleanly on `docker stop` (SIGTERM) and Ctrl-C (SIGINT).
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    console.log(`${signal} received, closing server`);
    server.close(() => process.exit(0));
  });
}
