/**
 * Paths of the built entry files the engine starts. The CLI resolves them next
 * to its own bundle; the Electron shell points at the same out/cli/workers
 * files, unpacked from app.asar (src/main/electron/entries.ts). Same files, two front ends.
 */
export interface EntryPaths {
  /** Worker-thread entry for workload threads. */
  thread: string;
  /** Process entry for workload processes (child_process.fork or utilityProcess.fork). */
  process: string;
  /** Worker-thread entry of the sampler. */
  sampler: string;
}
