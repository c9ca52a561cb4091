import express, { Request, Response } from 'express';
import { Config } from './config';

interface Quote {
  id: number;
  text: string;
  author: string;
}

const quotes: Quote[] = [
  { id: 1, text: 'Simplicity is prerequisite for reliability.', author: 'Edsger W. Dijkstra' },
  { id: 2, text: 'Make it work, make it right, make it fast.', author: 'Kent Beck' },
];

export function createApp(config: Config) {
  const app = express();
  const startedAt = Date.now();

  app.get('/', (_req: Request, res: Response) => {
    res.json({ service: config.serviceName, status: 'ok' });
  });

  app.get('/healthz', (_req: Request, res: Response) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) });
  });

  app.get('/quotes', (_req: Request, res: Response) => {
    res.json(quotes);
  });

  app.get('/quotes/random', (_req: Request, res: Response) => {
    res.json(quotes[Math.floor(Math.random() * quotes.length)]);
  });

  return app;
}
