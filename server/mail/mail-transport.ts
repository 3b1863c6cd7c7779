import nodemailer from 'nodemailer';

/** One message as the transport sends it. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  language: string;
  /** Stable per outbox row: a receiver can tell a message sent twice (a crash after the server took it). */
  messageId: string;
  attachments: { filename: string; contentType: string; content: string }[];
}

/** Sends one message; throws with a sentence an administrator understands when the server did not take it. */
export type SendMail = (mail: OutgoingMail) => Promise<void>;

/**
 * The mail server of SMTP_URL through nodemailer: `smtp://` upgrades with STARTTLS whenever the server offers it,
 * `smtps://` is TLS from the start. Connections are pooled; a server that does not answer is given up on after
 * seconds, so that one slow server never holds the queue for long.
 */
export function smtpTransport(smtpUrl: string, from: string): { send: SendMail; close: () => void } {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  const host = new URL(smtpUrl).host;
  return {
    send: async (mail) => {
      try {
        await transport.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          headers: { 'Content-Language': mail.language, 'Auto-Submitted': 'auto-generated' },
          attachments: mail.attachments,
        });
      } catch (error) {
        throw new Error(`The mail server ${host} did not take the message: ${describe(error)}`, { cause: error });
      }
    },
    close: () => transport.close(),
  };
}

/** nodemailer's error without anything of the URL's credentials. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { responseCode, code } = error as { responseCode?: number; code?: string };
  const text = error.message.replace(/\/\/[^@\s/]*@/g, '//');
  return responseCode === undefined ? `${code ?? 'error'}: ${text}` : `${responseCode} ${text}`;
}
