/**
 * The file types a scene package may hold, and a check that binary files are what their
 * extension says (first bytes), so an executable renamed to .png is refused.
 */
import path from 'node:path'

interface FileType {
  /** Content-Type when served. */
  mime: string
  /** Expected first bytes; absent for text formats. */
  magic?: (b: Uint8Array) => boolean
  what: string
}

const startsWith =
  (...bytes: number[]) =>
  (b: Uint8Array) =>
    bytes.every((x, i) => b[i] === x)
const ascii =
  (s: string, at = 0) =>
  (b: Uint8Array) =>
    [...s].every((c, i) => b[at + i] === c.charCodeAt(0))

export const FILE_TYPES: Readonly<Record<string, FileType>> = {
  '.json': { mime: 'application/json', what: 'JSON' },
  '.md': { mime: 'text/markdown; charset=utf-8', what: 'Markdown text' },
  '.txt': { mime: 'text/plain; charset=utf-8', what: 'plain text' },
  '.gltf': { mime: 'model/gltf+json', what: 'glTF model' },
  '.glb': { mime: 'model/gltf-binary', magic: ascii('glTF'), what: 'binary glTF model' },
  '.bin': { mime: 'application/octet-stream', what: 'glTF buffer' },
  '.png': { mime: 'image/png', magic: startsWith(0x89, 0x50, 0x4e, 0x47), what: 'PNG image' },
  '.jpg': { mime: 'image/jpeg', magic: startsWith(0xff, 0xd8, 0xff), what: 'JPEG image' },
  '.jpeg': { mime: 'image/jpeg', magic: startsWith(0xff, 0xd8, 0xff), what: 'JPEG image' },
  '.webp': { mime: 'image/webp', magic: (b) => ascii('RIFF')(b) && ascii('WEBP', 8)(b), what: 'WebP image' },
  '.ktx2': { mime: 'image/ktx2', magic: startsWith(0xab, 0x4b, 0x54, 0x58, 0x20, 0x32, 0x30), what: 'KTX2 texture' },
  '.ogg': { mime: 'audio/ogg', magic: ascii('OggS'), what: 'Ogg audio' },
  '.mp3': {
    mime: 'audio/mpeg',
    magic: (b) => ascii('ID3')(b) || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0),
    what: 'MP3 audio',
  },
  '.wav': { mime: 'audio/wav', magic: (b) => ascii('RIFF')(b) && ascii('WAVE', 8)(b), what: 'WAV audio' },
}

export const ALLOWED_EXTENSIONS = Object.keys(FILE_TYPES)

export function fileTypeOf(file: string): FileType | undefined {
  const ext = path.extname(file).toLowerCase()
  return Object.prototype.hasOwnProperty.call(FILE_TYPES, ext) ? FILE_TYPES[ext] : undefined
}

/** Why a file may not be in a package, or undefined when its type is allowed and its bytes match. */
export function fileTypeProblem(file: string, head: Uint8Array): string | undefined {
  const type = fileTypeOf(file)
  if (!type) {
    const ext = path.extname(file) || '(no extension)'
    return `is a "${ext}" file, which scene packages may not contain; allowed: ${ALLOWED_EXTENSIONS.join(' ')}`
  }
  if (type.magic && !type.magic(head)) return `is not a ${type.what} (its first bytes do not match its extension)`
  if (path.extname(file).toLowerCase() === '.json' && path.basename(file) !== 'scene.json') {
    return 'is a JSON file other than scene.json; a package holds one scene.json (models use .gltf)'
  }
  return undefined
}
