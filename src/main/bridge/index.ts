export * from './service';
export * from './messages';
export * from './validate';
export * from './scenarios';
export type { PresetExtras } from './active-run';
