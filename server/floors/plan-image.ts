import sharp from 'sharp';
import { checkPlanImage, PLAN_MAX_PIXELS, type PlanImage } from '../../contract/plan-image.ts';
import { DomainError } from '../lib/domain-error.ts';
import { msg } from '../../i18n/message.ts';

/**
 * A floor plan as it will be shown: recognised by its bytes (contract/plan-image.ts: type, size, claimed
 * dimensions), then really decoded (sharp, with a pixel limit) so that an image that only pretends — a header and
 * nothing behind it, a 12,000 × 12,000 PNG of 137 KB — is refused before it is stored.
 */
export async function decodePlanImage(bytes: Uint8Array): Promise<PlanImage> {
  const image = checkPlanImage(bytes);
  if (!('mime' in image)) throw new DomainError('invalid', image.code, image.message);
  try {
    // Decoding it all (into a small copy) proves the pixels are there.
    await sharp(bytes, { limitInputPixels: PLAN_MAX_PIXELS, failOn: 'error' })
      .resize(256, 256, { fit: 'inside' })
      .raw()
      .toBuffer();
  } catch {
    throw new DomainError('invalid', 'unsupported_media_type', msg('api.planImage.imageCannotReadDamaged'));
  }
  return image;
}
