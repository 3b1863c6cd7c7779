import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  mail: ParsedMail;
  /** The envelope's recipients. */
  to: string[];
  /** Whether the message came over TLS (STARTTLS). */
  secure: boolean;
}

export interface TestSmtp {
  /** SMTP_URL for the service, with the user and password this server wants. */
  url: string;
  received: ReceivedMail[];
  /** While true, every recipient is refused with a temporary error (451): the service retries. */
  refusing: boolean;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback (the `smtp-server` package), wanting a user name and password, that parses what
 * arrives with `mailparser`. `starttls`: offer STARTTLS with the package's own self-signed certificate.
 */
export async function startSmtp({ starttls = false }: { starttls?: boolean } = {}): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const state = { refusing: false };
  const server = new SMTPServer({
    logger: false,
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    ...(starttls ? {} : { disabledCommands: ['STARTTLS'] }),
    onAuth(auth, _session, callback) {
      if (auth.username === 'hotdesk' && auth.password === 'mail secret') callback(null, { user: 'hotdesk' });
      else callback(new Error('Invalid user name or password'));
    },
    onRcptTo(_address, _session, callback) {
      if (state.refusing) {
        const error = new Error('Try again later') as Error & { responseCode: number };
        error.responseCode = 451;
        callback(error);
      } else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ mail, to: session.envelope.rcptTo.map((rcpt) => rcpt.address), secure: session.secure });
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const query = starttls ? '?tls.rejectUnauthorized=false' : '';
  return {
    url: `smtp://hotdesk:${encodeURIComponent('mail secret')}@127.0.0.1:${port}${query}`,
    received,
    get refusing() {
      return state.refusing;
    },
    set refusing(value: boolean) {
      state.refusing = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
