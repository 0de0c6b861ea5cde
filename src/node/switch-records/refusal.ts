/** Why exact switch records are not available, in words a user can act on. */
export interface SwitchRefusal {
  reason: 'not-allowed' | 'unsupported' | 'no-addon' | 'resources' | 'failed';
  /** The kernel's errno name (EACCES, EPERM, ...), null when the refusal is not an errno. */
  errno: string | null;
  /** One line: what happened. */
  message: string;
  /** What turns exact mode on, null when nothing the user can do. */
  enable: string | null;
}

const ENABLE_PERF = 'run `sudo sysctl kernel.perf_event_paranoid=2` (or give Corelanes CAP_PERFMON) to use exact switch records';

/**
 * Turns the errno of a refused perf_event_open (or mmap) into a refusal. Pure.
 * At perf_event_paranoid 3 (Debian) and 4 (Ubuntu) an unprivileged user gets
 * EACCES; at 2 or lower an EPERM/EACCES comes from elsewhere (a container's
 * seccomp profile or a security module).
 */
export function refusalFor(step: 'open' | 'mmap', errno: string, paranoid: number | null): SwitchRefusal {
  const level = paranoid === null ? '' : ` (kernel.perf_event_paranoid = ${paranoid})`;
  if (step === 'mmap' && (errno === 'EPERM' || errno === 'ENOMEM')) {
    return {
      reason: 'resources',
      errno,
      message: `the kernel refused to map a perf ring buffer (${errno}): this user's locked-memory budget for perf is used up`,
      enable: 'close other perf users, or raise kernel.perf_event_mlock_kb or `ulimit -l`',
    };
  }
  if (errno === 'EACCES' || errno === 'EPERM') {
    if (paranoid !== null && paranoid > 2) {
      return { reason: 'not-allowed', errno, message: `perf events are not allowed for this user${level}, ${errno}`, enable: ENABLE_PERF };
    }
    return {
      reason: 'not-allowed',
      errno,
      message: `perf_event_open was refused (${errno})${level}: a seccomp profile (e.g. a container's) or a security module blocks it`,
      enable: 'allow perf_event_open (container: its seccomp profile), or run Corelanes outside the container',
    };
  }
  if (errno === 'ENOENT' || errno === 'ENOSYS' || errno === 'EOPNOTSUPP' || errno === 'EINVAL') {
    return {
      reason: 'unsupported',
      errno,
      message: `this kernel does not offer context-switch records (${errno})`,
      enable: 'Linux 4.17 or newer built with CONFIG_PERF_EVENTS',
    };
  }
  if (errno === 'EMFILE' || errno === 'ENFILE') {
    return { reason: 'resources', errno, message: `out of file descriptors for perf events (${errno})`, enable: 'raise `ulimit -n`' };
  }
  return { reason: 'failed', errno, message: `perf_event_open failed (${errno})`, enable: null };
}

export function noAddonRefusal(why: string): SwitchRefusal {
  return {
    reason: 'no-addon',
    errno: null,
    message: `the switch-record addon is not built (${why})`,
    enable: 'install a C compiler (Debian/Ubuntu: apt-get install build-essential), then run `npm rebuild corelanes-switch-records`',
  };
}

export function unsupportedPlatformRefusal(platform: string): SwitchRefusal {
  return { reason: 'unsupported', errno: null, message: `context-switch records are a Linux feature (this is ${platform})`, enable: null };
}
