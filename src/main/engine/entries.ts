/**
 * Paths of the built entry files the engine starts. The CLI resolves them next
 * to its own bundle; the Electron shell gets them from electron-vite's
 * ?modulePath imports. Same files, two front ends.
 */
export interface EntryPaths {
  /** Worker-thread entry for workload threads. */
  thread: string;
  /** Process entry for workload processes (child_process.fork or utilityProcess.fork). */
  process: string;
  /** Worker-thread entry of the sampler. */
  sampler: string;
}
