// Lint rules, including the import direction of conventions.md: common ← server; common ← client;
// client/net and client/state never touch React components or three; client/ui never touches three.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import reactThree from '@react-three/eslint-plugin'

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })
const three = {
  group: ['three', 'three/*', '@react-three/*'],
  message: 'Only client/world, scene, avatars, boards, labs and xr use three.',
}
const node = { group: ['node:*'], message: 'Node built-ins are server-only.' }

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'node_modules/', 'test-results/', 'coverage/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    // The R3F rules: nothing is created or cloned inside useFrame (no garbage per frame).
    plugins: { 'react-hooks': reactHooks, '@react-three': reactThree },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@react-three/no-clone-in-loop': 'error',
      '@react-three/no-new-in-loop': 'error',
      ...restrict([node, { group: ['**/server/**'], message: 'The client reaches the server only over the wire.' }]),
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: restrict([
      node,
      { group: ['**/server/**', '**/client/**'], message: 'common/ imports only common/.' },
      { group: ['react', 'react-dom', 'fastify', 'ws', 'better-sqlite3', 'three'], message: 'common/ is isomorphic.' },
    ]),
  },
  {
    files: ['server/**/*.ts'],
    rules: restrict([{ group: ['**/client/**'], message: 'The server never imports client code.' }]),
  },
  {
    files: ['client/net/**/*.ts'],
    rules: restrict([
      node,
      three,
      { group: ['react', 'react-dom', 'react-i18next'], message: 'net/ managers have no React.' },
      { group: ['**/state/**', '**/ui/**', '**/app/**'], message: 'net/ reports through callbacks; app/ wires it.' },
    ]),
  },
  {
    files: ['client/state/**/*.ts'],
    rules: restrict([
      node,
      three,
      { group: ['**/net/**'], allowTypeImports: true, message: 'state/ holds data; app/ talks to the network.' },
    ]),
  },
  {
    files: ['client/ui/**/*.{ts,tsx}'],
    rules: restrict([
      node,
      three,
      {
        group: ['**/net/**', '**/app/**'],
        allowTypeImports: true,
        message: 'ui/ renders state and calls actions it is given.',
      },
    ]),
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.{ts,mjs,js}', '.ci/**', '*.config.{ts,js}'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
)
