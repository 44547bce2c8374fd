import PostalMime from 'postal-mime';
import { Pool } from 'pg';
import { SMTPServer } from 'smtp-server';

/**
 * The benchmark's references: a bare smtp-server that reads each mail, parses it with
 * postal-mime and throws it away, then answers 250 (the reference); and, given a
 * database URL as its argument, the same server committing each raw mail to PostgreSQL before
 * its 250 (the least a server that may not lose mail does). What mail-ingest adds is the
 * difference. Prints its port on stdout.
 */
const databaseUrl = process.argv[2];
const pool = databaseUrl ? new Pool({ connectionString: databaseUrl, max: 10 }) : undefined;
const ready = pool?.query(
  `CREATE TABLE IF NOT EXISTS reference_mails (id bigserial PRIMARY KEY, raw text NOT NULL)`,
);

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
      const raw = Buffer.concat(chunks);
      PostalMime.parse(raw)
        .then(() =>
          pool?.query(`INSERT INTO reference_mails (raw) VALUES ($1)`, [raw.toString('utf8')]),
        )
        .then(
          () => callback(null, 'Queued'),
          (error: Error) => callback(error),
        );
    });
  },
});
void Promise.resolve(ready).then(() =>
  server.listen(0, '127.0.0.1', () => {
    const address = server.server.address();
    console.log(
      JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }),
    );
  }),
);
process.on('SIGTERM', () => server.close(() => void pool?.end().finally(() => process.exit(0))));
