import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { MalformedRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../http-errors.js';

const gunzipAsync = promisify(gunzip);

/**
 * Undoes Content-Encoding, refusing output beyond `maxBytes`. zlib stops inflating at the
 * limit, so a gzip bomb costs at most `maxBytes` of memory, never its inflated size.
 */
export async function decompressBody(
  body: Uint8Array,
  contentEncoding: string | undefined,
  maxBytes: number,
): Promise<Uint8Array> {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return body;
  if (encoding !== 'gzip') {
    throw new UnsupportedMediaTypeError(
      `Content-Encoding ${JSON.stringify(contentEncoding)} is not supported: send gzip or no encoding`,
    );
  }
  try {
    return await gunzipAsync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new PayloadTooLargeError(`body inflates beyond the ${maxBytes}-byte limit`);
    }
    throw new MalformedRequestError(`gzip body could not be decompressed: ${(error as Error).message}`);
  }
}
