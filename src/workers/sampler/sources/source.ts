/** Raw counters of one task at one instant; null fields are what the OS does not tell. */
export interface RawReading {
  letter: string | null;
  core: number | null;
  onCpuNs: number | null;
  waitNs: number | null;
}

export interface TaskHandle {
  /** null once the task is gone. */
  read(): RawReading | null;
  close(): void;
}

export interface AddressSpaceHandle {
  readRssBytes(): number | null;
  close(): void;
}

/** One OS way of observing tasks (DESIGN.md section 5). */
export interface ObservationSource {
  readonly name: string;
  readonly coresObservable: boolean;
  /** null when the task cannot be opened (already gone). */
  openTask(pid: number, tid: number): TaskHandle | null;
  openAddressSpace(pid: number): AddressSpaceHandle | null;
  /** The sampler thread itself: ids and its own on-CPU ns (null when unknown). */
  self(): { pid: number; tid: number | null };
  selfOnCpuNs(): number | null;
  /** When the kernel started a task, CLOCK_MONOTONIC ms (to 10 ms); absent or null when the OS does not say. */
  taskBirthMono?(pid: number, tid: number): number | null;
}
