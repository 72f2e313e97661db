/**
 * Limits of a scene package, the same for `scene validate`, the server's catalog and uploads.
 * They keep one institution's package from filling the disk or stalling learners' browsers.
 */
const MiB = 1024 * 1024

export const PACKAGE_LIMITS = {
  /** Files in a package (README, scene.json and assets). */
  maxFiles: 200,
  /** Largest single file. */
  maxFileBytes: 20 * MiB,
  /** All files together, uncompressed. */
  maxPackageBytes: 50 * MiB,
  /** scene.json itself. */
  maxSceneJsonBytes: 1 * MiB,
  /** An uploaded zip as sent. */
  maxZipBytes: 25 * MiB,
  /** Folders deep inside the package. */
  maxDepth: 8,
  /** Characters in a file's path inside the package. */
  maxPathLength: 200,
} as const

export const formatBytes = (n: number): string =>
  n >= MiB ? `${(n / MiB).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} bytes`
