import { describe, expect, it } from 'vitest'
import { docName, parseDocName, type DocRef } from '#common/collab/doc-layout.ts'
import type { SceneId, SessionId } from '#common/ids.ts'

const sid = 'abcdefghjk' as SessionId
const scene = 'acme.optics-bench' as SceneId

describe('document names', () => {
  it.each<[DocRef, string]>([
    [{ sessionId: sid, kind: 'control' }, 'session/abcdefghjk/control'],
    [{ sessionId: sid, kind: 'responses' }, 'session/abcdefghjk/responses'],
    [{ sessionId: sid, kind: 'boards' }, 'session/abcdefghjk/boards'],
    [{ sessionId: sid, kind: 'boards', group: 'g1' }, 'session/abcdefghjk/group/g1/boards'],
    [{ sessionId: sid, kind: 'lab', scene }, 'session/abcdefghjk/lab/acme.optics-bench'],
    [
      { sessionId: sid, kind: 'lab', scene, group: 'red-team' },
      'session/abcdefghjk/group/red-team/lab/acme.optics-bench',
    ],
  ])('%j is named %s and parses back', (ref, name) => {
    expect(docName(ref)).toBe(name)
    expect(parseDocName(name)).toEqual(ref)
  })

  it.each([
    'session/abcdefghjk',
    'session/abcdefghjk/other',
    'session/ABCDEFGHJK/control',
    'session/abcdefghjk/group/g1/control',
    'session/abcdefghjk/lab/../x',
    'session/abcdefghjk/lab/',
    '../session/abcdefghjk/control',
    'session/abcdefghjk/control/',
  ])('%s is not a document', (name) => {
    expect(parseDocName(name)).toBeUndefined()
  })
})
