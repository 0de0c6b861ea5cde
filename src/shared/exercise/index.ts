export * from './measure';
export * from './schema';
export * from './parse-exercise';
export * from './grade';
export * from './evaluate';
export * from './exercise-args';
