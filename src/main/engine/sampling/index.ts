export * from './sampler-api';
export * from './create-sampler';
