import sharp from 'sharp';
import { checkPlanImage, type SniffedImage } from '../../contract/image-sniff.ts';
import { DomainError } from '../lib/domain-error.ts';

/** What a browser draws without trouble: a plan larger than this is refused (it would also take ~200 MB to draw). */
export const PLAN_MAX_DECODED_PIXELS = 50_000_000;

/**
 * A floor plan as it will be shown: recognised by its bytes (contract/image-sniff.ts: type, size, claimed
 * dimensions), then really decoded (sharp, with a pixel limit) so that an image that only pretends — a header and
 * nothing behind it, a 12,000 × 12,000 PNG of 137 KB — is refused before it is stored. The size is the one a
 * browser shows, after the EXIF orientation.
 */
export async function decodePlanImage(bytes: Uint8Array): Promise<SniffedImage> {
  const sniffed = checkPlanImage(bytes);
  if (!('mime' in sniffed)) throw new DomainError('invalid', sniffed.code, sniffed.message);
  const tooLarge = (width: number, height: number) =>
    new DomainError('invalid', 'bad_request', {
      en: `This image is ${width} × ${height} pixels; a plan can have at most ${PLAN_MAX_DECODED_PIXELS / 1_000_000} megapixels (e.g. 8000 × 6000). Export it smaller.`,
      de: `Dieses Bild hat ${width} × ${height} Pixel; ein Plan darf höchstens ${PLAN_MAX_DECODED_PIXELS / 1_000_000} Megapixel haben (z. B. 8000 × 6000). Exportieren Sie ihn kleiner.`,
    });
  if (sniffed.width * sniffed.height > PLAN_MAX_DECODED_PIXELS) throw tooLarge(sniffed.width, sniffed.height);
  try {
    const image = sharp(bytes, { limitInputPixels: PLAN_MAX_DECODED_PIXELS, failOn: 'error' });
    const meta = await image.metadata();
    // Decoding it all (into a small copy) proves the pixels are there.
    await image.resize(256, 256, { fit: 'inside' }).raw().toBuffer();
    const width = meta.autoOrient.width;
    const height = meta.autoOrient.height;
    return { mime: sniffed.mime, width, height };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('invalid', 'unsupported_media_type', {
      en: 'This image cannot be read: it is damaged or incomplete. Export the plan again as PNG, JPEG or WebP.',
      de: 'Dieses Bild lässt sich nicht lesen: Es ist beschädigt oder unvollständig. Exportieren Sie den Plan erneut als PNG, JPEG oder WebP.',
    });
  }
}
