// Lint, and the layer rules of DESIGN.md section 3: folders are environments,
// and an import that crosses into the wrong one fails the lint run.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'This layer runs in a browser or is pure: no Node built-ins.' };
const electronMessage = "Only src/main/electron/ may import 'electron'.";
const electron = { regex: '^electron(/.*)?$', message: electronMessage };
const up = (layers, message) => ({ group: layers.map((l) => `**/${l}/**`), message });
// src/main may reach into src/workers only for an entry file, as a path to start (electron-vite's ?modulePath / ?nodeWorker).
const workerCode = {
  regex: '^(?!.*-entry\\?(modulePath|nodeWorker)$).*(^|/)workers(/|$)',
  message: 'src/main never imports src/workers (shared Node code lives in src/node); only an entry file, as `<name>-entry?modulePath` or `?nodeWorker`.',
};

/**
 * What each folder of src/main may import from the others: the table of
 * docs/architecture.md ("src/main, folder by folder"). Every folder may also
 * import src/shared and src/node. An import of a folder not listed fails.
 */
const MAIN_FOLDERS = {
  platform: [],
  python: [],
  files: [],
  engine: ['platform', 'python'],
  tracer: ['engine', 'platform', 'python'],
  presets: ['engine', 'python'],
  bridge: ['engine', 'presets', 'tracer'],
  web: ['bridge', 'engine', 'presets'],
  cli: ['engine', 'files', 'presets', 'python', 'tracer', 'web'],
  electron: ['bridge', 'engine', 'web'],
};
const appCode = up(['renderer', 'preload'], 'src/main does not import renderer or preload code.');
const otherMainFolders = (name, allowed) => {
  const banned = Object.keys(MAIN_FOLDERS).filter((f) => f !== name && !allowed.includes(f));
  const group = `(${banned.join('|')})`;
  const may = allowed.length ? allowed.map((f) => `${f}/`).join(', ') : 'none';
  return {
    // '../bridge' or '../../bridge/x' climbs out to a sibling folder; '../../shared/bridge' does not match.
    regex: `^(\\.\\./)+${group}(/|$)|(^|/)main/${group}(/|$)`,
    message: `src/main/${name}/ may import, of src/main, only ${may} (docs/architecture.md, "src/main, folder by folder").`,
  };
};
const mainFolderRules = Object.entries(MAIN_FOLDERS).map(([name, allowed]) => ({
  files: [`src/main/${name}/**`],
  rules: {
    'no-restricted-imports': ['error', { patterns: [...(name === 'electron' ? [] : [electron]), workerCode, appCode, otherMainFolders(name, allowed)] }],
  },
}));

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
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, electron, up(['main', 'node', 'renderer', 'preload', 'workers', 'timeline'], 'src/shared imports nothing but src/shared.')] }],
    },
  },
  {
    // The timeline's picture (model, lanes, layout, binning, painter, SVG): drawn by the page and by the CLI alike.
    files: ['src/timeline/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, electron, up(['main', 'node', 'renderer', 'preload', 'workers'], 'src/timeline imports only src/shared (and d3): it runs in the page and in Node.')] }],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, electron, up(['main', 'node', 'preload', 'workers'], 'The renderer imports only src/shared.')] }],
    },
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, up(['main', 'node', 'renderer', 'workers'], 'The preload imports only electron and src/shared.')] }],
    },
  },
  {
    files: ['src/node/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electron, up(['main', 'renderer', 'preload', 'workers'], 'src/node imports only src/shared (and Node built-ins).')] }],
    },
  },
  {
    files: ['src/workers/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electron, up(['main', 'renderer', 'preload'], 'Workers import only src/shared, src/node and src/workers.')] }],
    },
  },
  {
    files: ['src/main/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electron, workerCode, appCode] }],
    },
  },
  ...mainFolderRules,
  {
    // Small named parts (issue 8): no function in src/main over 120 lines, and the session stays a short orchestration.
    files: ['src/main/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['src/main/engine/session/session.ts'],
    rules: { 'max-lines': ['error', { max: 250 }] },
  },
);
