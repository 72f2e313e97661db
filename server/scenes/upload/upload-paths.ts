import path from 'node:path'

/** Accepted uploaded packages: `<data>/scenes/<id>/`. */
export const uploadedScenesDir = (dataDir: string): string => path.join(dataDir, 'scenes')

/** Work area for uploads being checked; on the same file system so acceptance is a rename. */
export const uploadWorkDir = (dataDir: string): string => path.join(dataDir, 'scenes.incoming')
