import { exerciseCard, problemFileName, type Exercise, type ExerciseList } from '../../shared';
import { loadExercises } from '../exercises';
import { UserError } from './messages';

/** The exercises on offer, read from their folders at each listing (a leader edits a file, the page lists it again). */
export class ExerciseShelf {
  private loaded: Exercise[] = [];

  constructor(private readonly dirs: () => readonly string[]) {}

  /** Every exercise, easy to hard, as pages get them (no answer key, no host folder); broken files as file:line problems. */
  list(): ExerciseList {
    const dirs = this.dirs();
    if (dirs.length === 0) return { exercises: [], problems: [] };
    const { exercises, problems } = loadExercises(dirs);
    this.loaded = exercises;
    return {
      exercises: exercises.map(exerciseCard),
      problems: problems.slice(0, 500).map((p) => ({ file: problemFileName(p.file).slice(0, 255), line: p.line, message: p.message.slice(0, 1000) })),
    };
  }

  /** The exercise with this id, as last read (read now when it was never listed). */
  find(id: string): Exercise {
    if (this.loaded.length === 0) this.list();
    const found = this.loaded.find((x) => x.id === id);
    if (!found) throw new UserError(`No exercise '${id}' is loaded: list the exercises again (a file may have changed)`);
    return found;
  }
}
