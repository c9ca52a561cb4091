// Reaching a container from the host: is the port answering, what does HTTP say, is a host port taken.
import http from 'node:http';
import net from 'node:net';

/** The host-side probes the smoke test uses; injected so that tests need no sockets. */
export interface Prober {
  /** True when something accepts a connection on host:port and keeps it open. */
  answers(host: string, port: number): Promise<boolean>;
  /** The HTTP status of GET path, or null when no HTTP answer came. */
  httpStatus(host: string, port: number, path: string): Promise<number | null>;
  /** True when a connection to host:port succeeds now (something already listens there). */
  inUse(host: string, port: number): Promise<boolean>;
}

const CONNECT_TIMEOUT_MS = 2_000;
// docker-proxy accepts on a published port before the app listens, then closes at once; a real
// server keeps an idle connection open (or greets and keeps it open). Wait this long to tell them apart.
const SETTLE_MS = 250;

export const socketProber: Prober = {
  answers(host, port) {
    return new Promise((resolve) => {
      const socket = net.connect({ host, port });
      let settle: NodeJS.Timeout | undefined;
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        clearTimeout(settle);
        socket.destroy();
        resolve(ok);
      };
      const timer = setTimeout(() => finish(false), CONNECT_TIMEOUT_MS);
      socket.on('connect', () => {
        settle = setTimeout(() => finish(true), SETTLE_MS);
      });
      socket.on('data', () => undefined);
      socket.on('end', () => finish(false));
      socket.on('close', () => finish(false));
      socket.on('error', () => finish(false));
    });
  },
  httpStatus(host, port, path) {
    return new Promise((resolve) => {
      const request = http.get(
        { host, port, path, timeout: CONNECT_TIMEOUT_MS, headers: { connection: 'close' } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? null);
        },
      );
      request.on('timeout', () => request.destroy());
      request.on('error', () => resolve(null));
    });
  },
  inUse(host, port) {
    return new Promise((resolve) => {
      const socket = net.connect({ host, port });
      const finish = (used: boolean) => {
        clearTimeout(timer);
        socket.destroy();
        resolve(used);
      };
      const timer = setTimeout(() => finish(false), CONNECT_TIMEOUT_MS);
      socket.on('connect', () => finish(true));
      socket.on('error', () => finish(false));
    });
  },
};
