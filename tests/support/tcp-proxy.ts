/**
 * A TCP relay in front of PostgreSQL that a test can switch off and on: the portal loses its
 * database as it would when the server stops or the network fails (open connections cut, new
 * ones refused), while other people's tests keep using the same PostgreSQL.
 */
import net from 'node:net';
import { freePort } from './server';

export interface TcpProxy {
	port: number;
	/** Cuts every open connection and refuses new ones: nothing listens on the port. */
	down(): Promise<void>;
	up(): Promise<void>;
	close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
	const port = await freePort();
	const sockets = new Set<net.Socket>();
	let server: net.Server | null = null;

	const up = () =>
		new Promise<void>((resolve, reject) => {
			const listening = net.createServer((client) => {
				const upstream = net.connect(target.port, target.host);
				for (const s of [client, upstream]) {
					sockets.add(s);
					s.on('close', () => sockets.delete(s));
					s.on('error', () => {
						client.destroy();
						upstream.destroy();
					});
				}
				client.pipe(upstream).pipe(client);
			});
			listening.once('error', reject);
			listening.listen(port, '127.0.0.1', () => {
				server = listening;
				resolve();
			});
		});

	const down = async () => {
		const closing = server;
		server = null;
		for (const s of sockets) s.destroy();
		sockets.clear();
		if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
	};

	await up();
	return { port, up, down, close: down };
}
