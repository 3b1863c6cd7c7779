import fontkit from '@pdf-lib/fontkit';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { printable, renderLabelsPdf, wrap } from './desk-labels.ts';

const font = (file: string) => readFile(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${file}`));

describe('desk labels', () => {
  it('print Polish and Czech names as written with the embedded font (the standard one could not)', async () => {
    const pdf = await PDFDocument.create();
    pdf.registerFontkit(fontkit);
    const dejavu = await pdf.embedFont(await font('DejaVuSans-Bold.ttf'), { subset: true });
    const helvetica = await pdf.embedFont(StandardFonts.HelveticaBold);
    const name = 'Łódź-Północ Říčany-Žďár';
    expect(printable(name, dejavu)).toBe(name);
    expect(printable(name, helvetica)).toContain('?');
  });

  it('break a long name after its hyphens, not in the middle of a word', async () => {
    const pdf = await PDFDocument.create();
    const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
    // Room for "Großraum-No": the old cut gave "Großraum-No" / "rd-01".
    expect(wrap('Großraum-Nord-01', bold, 11, bold.widthOfTextAtSize('Großraum-No', 11))).toEqual([
      'Großraum-',
      'Nord-01',
    ]);
    expect(wrap('Open space 3', bold, 11, bold.widthOfTextAtSize('Open space', 11))).toEqual(['Open space', '3']);
  });

  it('are titled and tagged in the language whose words they are given', async () => {
    const bytes = await renderLabelsPdf([{ name: 'B1-0.01', floor: 'EG', location: null }], 'https://hotdesk.example', {
      locale: 'de',
      words: { title: 'Arbeitsplatz-Etiketten', scan: 'Scannen, um an diesem Platz einzuchecken' },
      fonts: { regular: await font('DejaVuSans.ttf'), bold: await font('DejaVuSans-Bold.ttf') },
    });
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getTitle()).toBe('Arbeitsplatz-Etiketten');
    expect(pdf.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('de');
    // Subset embedding keeps the sheet small although the font files are large.
    expect(bytes.length).toBeLessThan(120_000);
  });
});
