import { createSHA256 } from 'hash-wasm'

const SLICE_BYTES = 4 * 1024 * 1024

/** SHA-256 of a file read slice by slice, so a multi-gigabyte video never sits in memory at once. */
export async function sha256OfFile(file: Blob, onProgress: (fraction: number) => void = () => {}): Promise<string> {
  const hasher = await createSHA256()
  hasher.init()
  for (let offset = 0; offset < file.size; offset += SLICE_BYTES) {
    const slice = file.slice(offset, Math.min(offset + SLICE_BYTES, file.size))
    hasher.update(new Uint8Array(await slice.arrayBuffer()))
    onProgress(Math.min(1, (offset + SLICE_BYTES) / file.size))
  }
  onProgress(1)
  return hasher.digest('hex')
}
