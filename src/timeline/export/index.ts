export * from './paint-picture';
export * from './picture';
export * from './svg';
