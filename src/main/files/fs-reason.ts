/** A one-line reason for a file-system error code, in words. */
export function reasonOf(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'that folder does not accept new files';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'ENOTDIR':
      return 'a part of that path is a file, not a folder';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return code ? `the system refused it (${code})` : 'the system refused it';
  }
}
