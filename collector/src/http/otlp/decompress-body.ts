import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { MalformedRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../http-errors.js';

const gunzipAsync = promisify(gunzip);

/**
 * Undoes Content-Encoding, refusing output beyond `maxBytes` or beyond `maxRatio` times the
 * compressed size. zlib stops inflating at the lower of the two, so a gzip bomb costs at most
 * that much memory and time, never its inflated size; the ratio refuses a small bomb that
 * would fit under the size limit but has no business inflating a thousandfold.
 */
export async function decompressBody(
  body: Uint8Array,
  contentEncoding: string | undefined,
  maxBytes: number,
  maxRatio = Number.POSITIVE_INFINITY,
): Promise<Uint8Array> {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return body;
  if (encoding !== 'gzip') {
    throw new UnsupportedMediaTypeError(
      `Content-Encoding ${JSON.stringify(contentEncoding)} is not supported: send gzip or no encoding`,
    );
  }
  const ratioBytes = body.byteLength * maxRatio;
  try {
    return await gunzipAsync(body, { maxOutputLength: Math.max(1, Math.min(maxBytes, ratioBytes)) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new PayloadTooLargeError(
        ratioBytes < maxBytes
          ? `body inflates more than ${maxRatio} times its compressed size (the decompression ratio limit)`
          : `body inflates beyond the ${maxBytes}-byte limit`,
      );
    }
    throw new MalformedRequestError(`gzip body could not be decompressed: ${(error as Error).message}`);
  }
}
