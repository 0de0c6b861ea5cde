// Lint, and the layer rules of DESIGN.md section 3: folders are environments,
// and an import that crosses into the wrong one fails the lint run.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'This layer runs in a browser or is pure: no Node built-ins.' };
const electronMessage = "Only src/main/electron/ may import 'electron'.";
const electron = { regex: '^electron(/.*)?$', message: electronMessage };
const up = (layers, message) => ({ group: layers.map((l) => `**/${l}/**`), message });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/artifacts/**', 'bench/results/**', 'src/workers/python/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, electron, up(['main', 'renderer', 'preload', 'workers', 'timeline'], 'src/shared imports nothing but src/shared.')] }],
    },
  },
  {
    // The timeline's picture (model, lanes, layout, binning, painter, SVG): drawn by the page and by the CLI alike.
    files: ['src/timeline/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, electron, up(['main', 'renderer', 'preload', 'workers'], 'src/timeline imports only src/shared (and d3): it runs in the page and in Node.')] }],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, electron, up(['main', 'preload', 'workers'], 'The renderer imports only src/shared.')] }],
    },
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, up(['main', 'renderer', 'workers'], 'The preload imports only electron and src/shared.')] }],
    },
  },
  {
    files: ['src/workers/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electron, up(['main', 'renderer', 'preload'], 'Workers import only src/shared and src/workers.')] }],
    },
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electron, up(['renderer', 'preload'], 'src/main does not import renderer or preload code.')] }],
    },
  },
  {
    files: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [up(['renderer', 'preload'], 'src/main does not import renderer or preload code.')] }],
    },
  },
);
