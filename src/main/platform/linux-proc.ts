/**
 * Linux /proc readers for the main side (benches, engine checks). The sampler
 * thread owns them, because src/workers may import only src/shared and
 * src/workers; the main side re-uses the same code from there.
 */
export { parseNrMigrations, parseSchedstat, parseStatmRssPages, parseTaskStat, parseThreadSelfLink } from '../../workers/sampler/proc/parse';
export type { SchedStat, TaskStat } from '../../workers/sampler/proc/parse';
export { ProcFile } from '../../workers/sampler/proc/proc-file';
export { TaskReader, taskDir, type TaskReading } from '../../workers/sampler/proc/task-reader';
export { RssReader, pageSize, threadSelf } from '../../workers/sampler/proc/memory-reader';
export { readNrMigrations } from '../../workers/sampler/proc/migrations-reader';
