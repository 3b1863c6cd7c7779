import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';

/**
 * Printable desk labels: an A4 sheet of ten, each with the desk's name, its floor, its dispatchable
 * location line where there is one, and a QR code that opens `<public URL>/checkin?desk=<name>`: on a
 * phone's browser, one tap checks in there. Rendered by the service (GET /api/v1/desks/labels.pdf) and,
 * the same way, by the browser-only demo.
 */

export interface LabelDesk {
  name: string;
  floor: string | null;
  /** Site address, floor, desk: what an emergency call from this desk would carry. */
  location: string | null;
}

/** TrueType fonts to embed (subset): with them, every European name prints; without, the PDF's standard font. */
export interface LabelFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

export interface LabelOptions {
  /** The language of the words on the label (the console's). */
  locale: 'en' | 'de';
  /** The sheet's title and the line under each code, in that language (`contract.deskLabels.*`). */
  words: { title: string; scan: string };
  fonts?: LabelFonts | null;
}

/** The desk's name on one line, as large as fits between these sizes; only below the smallest is it broken. */
const NAME_SIZE = { max: 20, min: 11 };

/** One sheet is this many labels (2 × 5). */
const COLUMNS = 2;
const ROWS = 5;

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 28;
const QR_SIZE = 110;

export const checkinUrl = (publicUrl: string, deskName: string) =>
  `${publicUrl}/checkin?desk=${encodeURIComponent(deskName)}`;

/**
 * The labels as a PDF. With `fonts` every Latin, Greek and Cyrillic name prints as written; without them, text
 * the standard font cannot show is replaced by "?" rather than failing the sheet.
 */
export async function renderLabelsPdf(
  desks: readonly LabelDesk[],
  publicUrl: string,
  options: LabelOptions,
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(options.words.title);
  pdf.setLanguage(options.locale);
  pdf.setCreator('Hotdesk');
  let bold: PDFFont;
  let regular: PDFFont;
  if (options.fonts) {
    pdf.registerFontkit(fontkit);
    bold = await pdf.embedFont(options.fonts.bold, { subset: true });
    regular = await pdf.embedFont(options.fonts.regular, { subset: true });
  } else {
    bold = await pdf.embedFont(StandardFonts.HelveticaBold);
    regular = await pdf.embedFont(StandardFonts.Helvetica);
  }
  const width = (A4.width - 2 * MARGIN) / COLUMNS;
  const height = (A4.height - 2 * MARGIN) / ROWS;
  let page: PDFPage | null = null;
  for (const [index, desk] of desks.entries()) {
    const slot = index % (COLUMNS * ROWS);
    if (slot === 0) page = pdf.addPage([A4.width, A4.height]);
    if (!page) continue;
    const x = MARGIN + (slot % COLUMNS) * width;
    const y = A4.height - MARGIN - (Math.floor(slot / COLUMNS) + 1) * height;
    page.drawRectangle({ x, y, width, height, borderColor: rgb(0.8, 0.82, 0.86), borderWidth: 0.5 });
    // A PNG as a data URL: the one QR output that Node and browsers both produce.
    const png = await QRCode.toDataURL(checkinUrl(publicUrl, desk.name), {
      type: 'image/png',
      errorCorrectionLevel: 'M',
      margin: 2,
      scale: 4,
    });
    const qr = await pdf.embedPng(png);
    page.drawImage(qr, { x: x + 12, y: y + (height - QR_SIZE) / 2, width: QR_SIZE, height: QR_SIZE });
    const textX = x + QR_SIZE + 24;
    const textWidth = width - QR_SIZE - 36;
    let line = y + height - 36;
    const write = (text: string, font: PDFFont, size: number, gap: number) => {
      for (const part of wrap(printable(text, font), font, size, textWidth).slice(0, 3)) {
        page?.drawText(part, { x: textX, y: line, size, font, color: rgb(0.1, 0.12, 0.16) });
        line -= gap;
      }
    };
    const name = printable(desk.name, bold);
    const nameSize = fittingSize(name, bold, textWidth);
    write(name, bold, nameSize, nameSize + 4);
    if (desk.floor) write(desk.floor, regular, 11, 14);
    if (desk.location) write(desk.location, regular, 8, 10);
    for (const [index, part] of wrap(printable(options.words.scan, regular), regular, 8, textWidth).entries())
      page.drawText(part, { x: textX, y: y + 14 + 10 * (1 - index), size: 8, font: regular });
  }
  if (desks.length === 0) pdf.addPage([A4.width, A4.height]);
  return pdf.save();
}

/** `text` with every character the font cannot encode replaced by "?". */
export function printable(text: string, font: PDFFont): string {
  const known = new Set(font.getCharacterSet());
  return [...text].map((char) => (known.has(char.codePointAt(0) ?? 0) ? char : '?')).join('');
}

/** The largest size from NAME_SIZE.max down to NAME_SIZE.min at which `text` fits on one line. */
function fittingSize(text: string, font: PDFFont, maxWidth: number): number {
  const size = Math.floor((NAME_SIZE.max * maxWidth) / Math.max(1, font.widthOfTextAtSize(text, NAME_SIZE.max)));
  return Math.max(NAME_SIZE.min, Math.min(NAME_SIZE.max, size));
}

/**
 * Lines of at most `maxWidth` points, broken at spaces and after hyphens ("Großraum-" / "Nord-01"); a word
 * with no such place is cut where it must be.
 */
export function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = '';
  // Pieces: words, each hyphenated word split after its hyphens; `glue` is what joins a piece to the one before.
  const pieces = text
    .split(/\s+/)
    .flatMap((word) => word.split(/(?<=-)/).map((piece, index) => ({ piece, glue: index === 0 ? ' ' : '' })));
  for (const { piece: word, glue } of pieces) {
    const candidate = current === '' ? word : `${current}${glue}${word}`;
    if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current !== '') lines.push(current);
    current = word;
    while (font.widthOfTextAtSize(current, size) > maxWidth && current.length > 1) {
      let cut = current.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(current.slice(0, cut), size) > maxWidth) cut -= 1;
      lines.push(current.slice(0, cut));
      current = current.slice(cut);
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}
