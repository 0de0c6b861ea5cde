import { monoMs } from '../../node/clock';

/**
 * CLOCK_MONOTONIC ms of the worker's first instruction. Entry files import this
 * module FIRST: ES modules evaluate in import order, so this runs before zod
 * and the schemas load, and the spawn latency measures the spawn, not our imports.
 */
export const firstInstructionMono = monoMs();
