import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

/**
 * The benchmark's reference: a bare smtp-server that reads each mail, parses it with
 * postal-mime and throws it away, then answers 250. What mail-ingest adds to that (a durable
 * commit before the 250) is the difference between the two. Prints its port on stdout.
 */
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  disableReverseLookup: true,
  size: 25 * 1024 * 1024,
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      PostalMime.parse(Buffer.concat(chunks)).then(
        () => callback(null, 'Queued'),
        (error: Error) => callback(error),
      );
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
