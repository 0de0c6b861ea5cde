import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { TRACE_FILE_MAX_BYTES, type BridgeEvent } from '../../shared';

export type TraceFileRead = { ok: true; name: string; text: string } | { ok: false; error: string };

const mb = (bytes: number): string => `${Math.ceil(bytes / (1024 * 1024))} MB`;

/**
 * Reads a trace file the user chose, for the page: a regular file of at most
 * maxBytes (a FIFO or a device would block or never end), decoded as UTF-8
 * the way the browser's File.text() does (BOM dropped, bad bytes replaced),
 * so the page sees exactly what its own file picker would give it. Never
 * throws: a problem is one sentence that says what to do.
 */
export async function readTraceFile(path: string, maxBytes = TRACE_FILE_MAX_BYTES): Promise<TraceFileRead> {
  const name = basename(path);
  let file;
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer forever (no effect on regular files).
    file = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, error: `Could not open ${name}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  try {
    const stat = await file.stat();
    if (!stat.isFile()) return { ok: false, error: `${name} is not a file: choose a trace saved by Corelanes (Save Trace…, or corelanes run --out)` };
    const tooBig = `${name} is bigger than ${mb(maxBytes)}, the most the desktop app opens from the menu: record a shorter run, or open it from the page in web mode (npx corelanes web)`;
    if (stat.size > maxBytes) return { ok: false, error: tooBig };
    // Read at most one byte more than allowed: a file that grew since the stat is refused, not truncated.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await file.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    if (length > maxBytes) return { ok: false, error: tooBig };
    return { ok: true, name, text: new TextDecoder('utf-8').decode(buffer.subarray(0, length)) };
  } catch (error) {
    return { ok: false, error: `Could not read ${name}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  } finally {
    await file.close().catch(() => undefined);
  }
}

export const OPEN_TRACE_DIALOG: OpenDialogOptions = {
  title: 'Open Trace',
  properties: ['openFile'],
  filters: [
    { name: 'Corelanes trace', extensions: ['json'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

export interface OpenTraceDeps {
  /** dialog.showOpenDialog, attached to the window when there is one. */
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  /** Sends an event to the page (sendToPage). */
  send(event: BridgeEvent): void;
  read?: (path: string) => Promise<TraceFileRead>;
}

/**
 * File ▸ Open Trace…: the dialog is the main process's, because a native menu
 * click is no user activation and Chromium opens a page's file chooser only
 * with one. The file's text goes to the page ('trace-file'), which validates
 * it like a picked file; a file that cannot be read becomes an error event.
 */
export async function openTraceFromMenu(deps: OpenTraceDeps): Promise<void> {
  const choice = await deps.showOpenDialog(OPEN_TRACE_DIALOG);
  const path = choice.filePaths[0];
  if (choice.canceled || !path) return;
  const read = await (deps.read ?? readTraceFile)(path);
  deps.send(read.ok ? { type: 'trace-file', name: read.name, text: read.text } : { type: 'error', message: read.error, runId: null });
}
