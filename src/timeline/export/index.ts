export * from './paint-picture';
export * from './picture';
export * from './svg';
export * from './view-picture';
export * from './video-frames';
export * from './frame-painter';
