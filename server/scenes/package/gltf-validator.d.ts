// The package ships no types; this is the part of its API Atrium uses.
declare module 'gltf-validator' {
  export interface ValidationMessage {
    code: string
    message: string
    /** 0 error, 1 warning, 2 info, 3 hint. */
    severity: number
    pointer?: string
    offset?: number
  }
  export interface ValidationReport {
    issues: { numErrors: number; numWarnings: number; messages: ValidationMessage[]; truncated: boolean }
  }
  export interface ValidationOptions {
    uri?: string
    format?: 'gltf' | 'glb'
    maxIssues?: number
    ignoredIssues?: string[]
    externalResourceFunction?: (uri: string) => Promise<Uint8Array>
  }
  export function validateBytes(data: Uint8Array, options?: ValidationOptions): Promise<ValidationReport>
  const validator: { validateBytes: typeof validateBytes }
  export default validator
}
