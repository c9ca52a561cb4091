export interface Config {
  port: number;
  serviceName: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number.parseInt(env.PORT ?? '', 10);
  return {
    port: Number.isInteger(port) && port > 0 ? port : 3000,
    serviceName: env.SERVICE_NAME ?? 'node-typescript-example',
  };
}
