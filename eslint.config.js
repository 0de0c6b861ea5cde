// Lint, and the layer rules of DESIGN.md section 3: folders are environments,
// and an import that crosses into the wrong one fails the lint run.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'This layer runs in a browser or is pure: no Node built-ins.' };
const electronMessage = "Only src/main/electron/ may import 'electron'.";
const electron = { regex: '^electron(/.*)?$', message: electronMessage };
const up = (layers, message) => ({ group: layers.map((l) => `**/${l}/**`), message });

// Electron's main process must not start processes with child_process: fork relies on
// ELECTRON_RUN_AS_NODE, which the packaged app's runAsNode fuse turns off (electron-builder.yml;
// https://www.electronjs.org/docs/latest/tutorial/fuses#runasnode). Node entries start through the
// host's ProcessHost (utilityProcess.fork in Electron). The files below may use child_process:
const CHILD_PROCESS_ALLOWED = [
  'src/main/cli/**', // the CLI never runs inside Electron
  'src/main/engine/hosts/node-fork-host.ts', // the CLI's (and web mode's) own ProcessHost
  'src/main/tracer/spawn-tree.ts', // spawns the user's own program, not Electron: the fuse allows it
  'src/main/engine/kinds/python-host.ts', // spawns python3 (the real-CPython scenarios), likewise
  'src/main/python/discover.ts', // runs python3 --version, likewise
];
const childProcessMessage =
  'No child_process in code that runs in Electron\'s main process: the runAsNode fuse breaks fork there. Start Node entries through the ProcessHost (engine options, PresetContext.processHost); see CHILD_PROCESS_ALLOWED in eslint.config.js.';
const noChildProcess = ['node:child_process', 'child_process'].map((name) => ({ name, message: childProcessMessage }));

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
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, electron, up(['main', 'renderer', 'preload', 'workers'], 'src/shared imports nothing but src/shared.')] }],
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
      'no-restricted-imports': ['error', { paths: noChildProcess, patterns: [electron, up(['renderer', 'preload'], 'src/main does not import renderer or preload code.')] }],
    },
  },
  {
    files: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: noChildProcess, patterns: [up(['renderer', 'preload'], 'src/main does not import renderer or preload code.')] }],
    },
  },
  {
    files: CHILD_PROCESS_ALLOWED,
    rules: {
      'no-restricted-imports': ['error', { patterns: [electron, up(['renderer', 'preload'], 'src/main does not import renderer or preload code.')] }],
    },
  },
);
