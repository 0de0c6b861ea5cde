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

// Electron's main process must not start processes with child_process: fork relies on
// ELECTRON_RUN_AS_NODE, which the packaged app's runAsNode fuse turns off (electron-builder.yml;
// https://www.electronjs.org/docs/latest/tutorial/fuses#runasnode). Node entries start through the
// front end's ProcessLauncher (utilityProcess.fork in Electron). The files below may use child_process:
const CHILD_PROCESS_ALLOWED = [
  'src/main/cli/**', // the CLI never runs inside Electron
  'src/main/engine/launchers/node-fork-launcher.ts', // the CLI's (and web mode's) own ProcessLauncher
  'src/main/tracer/spawn-tree.ts', // spawns the user's own program, not Electron: the fuse allows it
  'src/main/engine/kinds/python-interpreter.ts', // spawns python3 (the real-CPython scenarios), likewise
  'src/main/python/discover.ts', // runs python3 --version, likewise
  'src/main/web/open-browser.ts', // corelanes web --open: the user's browser (xdg-open, open), never inside Electron
];
const childProcessMessage =
  "No child_process in code that runs in Electron's main process: the runAsNode fuse breaks fork there. Start Node entries through the ProcessLauncher (EngineOptions.launcher, PresetContext.launcher); see CHILD_PROCESS_ALLOWED in eslint.config.js.";
const noChildProcess = ['node:child_process', 'child_process'].map((name) => ({ name, message: childProcessMessage }));

/**
 * What each folder of src/main may import from the others: the table of
 * docs/architecture.md ("src/main, folder by folder"). Every folder may also
 * import src/shared and src/node. An import of a folder not listed fails.
 */
const MAIN_FOLDERS = {
  platform: [],
  python: [],
  files: [],
  engine: ['files', 'platform', 'python'],
  tracer: ['engine', 'platform', 'python'],
  presets: ['engine', 'python'],
  exercises: ['engine', 'presets', 'tracer'],
  bridge: ['engine', 'exercises', 'presets', 'tracer'],
  web: ['bridge', 'engine', 'presets'],
  cli: ['engine', 'exercises', 'files', 'presets', 'python', 'tracer', 'web'],
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
// Each folder's rule; the files of CHILD_PROCESS_ALLOWED in it get the same one without the child_process ban.
const mainFolderRules = Object.entries(MAIN_FOLDERS).flatMap(([name, allowed]) => {
  const patterns = [...(name === 'electron' ? [] : [electron]), workerCode, appCode, otherMainFolders(name, allowed)];
  const mayUseChildProcess = CHILD_PROCESS_ALLOWED.filter((glob) => glob.startsWith(`src/main/${name}/`));
  return [
    { files: [`src/main/${name}/**`], ignores: mayUseChildProcess, rules: { 'no-restricted-imports': ['error', { paths: noChildProcess, patterns }] } },
    ...(mayUseChildProcess.length ? [{ files: mayUseChildProcess, rules: { 'no-restricted-imports': ['error', { patterns }] } }] : []),
  ];
});

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
    // The addon's CommonJS install script and loader (native/).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
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
      'no-restricted-imports': ['error', { paths: noChildProcess, patterns: [electron, workerCode, appCode] }],
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
