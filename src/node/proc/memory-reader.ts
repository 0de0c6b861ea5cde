import { parseKernelPageSize, parseStatmRssPages } from './parse';
import { ProcFile } from './proc-file';

let pageSizeBytes: number | null = null;

/** The kernel's page size, read once from the first mapping in /proc/self/smaps. */
export function pageSize(): number {
  if (pageSizeBytes === null) {
    const smaps = ProcFile.open('/proc/self/smaps');
    pageSizeBytes = (smaps && parseKernelPageSize(smaps.read(4096) ?? '')) || 4096;
    smaps?.close();
  }
  return pageSizeBytes;
}

/** RSS of one address space from /proc/<pid>/statm, fd kept open. */
export class RssReader {
  private constructor(private readonly statm: ProcFile) {}

  static open(pid: number): RssReader | null {
    const f = ProcFile.open(`/proc/${pid}/statm`);
    return f ? new RssReader(f) : null;
  }

  readBytes(): number | null {
    const text = this.statm.read(256);
    const pages = text === null ? null : parseStatmRssPages(text);
    return pages === null ? null : pages * pageSize();
  }

  close(): void {
    this.statm.close();
  }
}
