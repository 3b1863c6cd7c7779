import type { MailLanguage } from '../../contract/mail.ts';
import { msg, type MessageId, type MessageValue } from '../../i18n/message.ts';
import { inLocale } from '../lib/text.ts';

/**
 * The messages' words come from the catalogues (`i18n/`, `mail.*`). A message is a few blocks (paragraphs, a table of facts, a link),
 * written once and rendered both as plain text and as HTML, so that the two parts never say different things.
 */

export type Block = { p: string } | { facts: [string, string][] } | { link: { label: string; url: string } };

export interface Composed {
  subject: string;
  text: string;
  html: string;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function render(language: MailLanguage, subject: string, blocks: readonly Block[]): Composed {
  const text = blocks
    .map((block) => {
      if ('p' in block) return block.p;
      if ('facts' in block) return block.facts.map(([label, value]) => `${label}: ${value}`).join('\n');
      return `${block.link.label}: ${block.link.url}`;
    })
    .join('\n\n');
  const body = blocks
    .map((block) => {
      if ('p' in block) return `<p>${escape(block.p)}</p>`;
      if ('facts' in block)
        return `<table role="presentation" cellpadding="4">${block.facts
          .map(([label, value]) => `<tr><th align="left">${escape(label)}</th><td>${escape(value)}</td></tr>`)
          .join('')}</table>`;
      return `<p><a href="${escape(block.link.url)}">${escape(block.link.label)}</a></p>`;
    })
    .join('\n');
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escape(subject)}</title></head><body style="font-family:sans-serif;line-height:1.5">\n${body}\n</body></html>`;
  return { subject, text: `${text}\n\n-- \nHotdesk`, html };
}

/** Times as the office reads them (its time zone), in the message's language. */
export function timeFormat(language: MailLanguage, timeZone: string) {
  const locale = language === 'de' ? 'de-DE' : 'en-GB';
  const day = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
  const clock = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const dayOf = (at: Date) => day.format(at);
  return {
    day: dayOf,
    clock: (at: Date) => clock.format(at),
    /** `Mon 8 Dec, 09:00–17:00`, or across midnight `Mon 8 Dec, 22:00 – Tue 9 Dec, 06:00`. */
    span: (start: Date, end: Date) =>
      dayOf(start) === dayOf(end)
        ? `${dayOf(start)}, ${clock.format(start)}–${clock.format(end)}`
        : `${dayOf(start)}, ${clock.format(start)} – ${dayOf(end)}, ${clock.format(end)}`,
    moment: (at: Date) => `${dayOf(at)}, ${clock.format(at)}`,
  };
}

/** A message of the catalogue (`mail.*`), in the message's language. */
export const say = (language: MailLanguage, id: MessageId, values?: Record<string, MessageValue>) =>
  inLocale(msg(id, values), language);
