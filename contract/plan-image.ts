import { imageSize } from 'image-size';
import { messageText } from '../i18n/message.ts';

/**
 * A floor plan recognised by its bytes, not by what the upload claims, with the size it is shown at: image-size
 * reads the format, the size and a JPEG's EXIF orientation from the header. The service then decodes the pixels
 * too (server/floors/plan-image.ts); the browser-only demo takes this check alone.
 */
export interface PlanImage {
  mime: 'image/png' | 'image/jpeg' | 'image/webp';
  /** As a browser shows it: after the EXIF orientation. */
  width: number;
  height: number;
}

/** A floor plan's bytes at most (the upload's body limit too). */
export const PLAN_MAX_BYTES = 10 * 1024 * 1024;
/** Browsers draw images up to about 16k pixels a side; a plan claiming more is broken or hostile. */
export const PLAN_MAX_SIDE = 16_384;
/** What a browser draws without trouble (it would take ~200 MB to draw more). */
export const PLAN_MAX_PIXELS = 50_000_000;

const MIME = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' } as const;

/** EXIF orientations 5 to 8 turn the image a quarter: width and height swap. */
const turned = (orientation: number | undefined) => orientation !== undefined && orientation >= 5 && orientation <= 8;

/** A floor plan upload checked by content and size: the image, or why it is refused (413, 415 or 400). */
export function checkPlanImage(
  bytes: Uint8Array,
): PlanImage | { code: 'payload_too_large' | 'unsupported_media_type' | 'bad_request'; message: string } {
  if (bytes.byteLength > PLAN_MAX_BYTES) {
    return { code: 'payload_too_large', message: messageText('contract.planImage.floorPlanCanMost') };
  }
  let size: ReturnType<typeof imageSize> | null = null;
  try {
    size = imageSize(bytes);
  } catch {
    // Not an image it knows, or cut short: refused below.
  }
  const mime = size?.type === 'png' || size?.type === 'jpg' || size?.type === 'webp' ? MIME[size.type] : null;
  if (!size || !mime || !size.width || !size.height) {
    return {
      code: 'unsupported_media_type',
      message: messageText('contract.planImage.filePngJpegWebp'),
    };
  }
  const [width, height] = turned(size.orientation) ? [size.height, size.width] : [size.width, size.height];
  if (width > PLAN_MAX_SIDE || height > PLAN_MAX_SIDE || width * height > PLAN_MAX_PIXELS) {
    return {
      code: 'bad_request',
      message: messageText('contract.planImage.tooLarge', {
        width,
        height,
        side: PLAN_MAX_SIDE,
        megapixels: PLAN_MAX_PIXELS / 1_000_000,
      }),
    };
  }
  return { mime, width, height };
}
