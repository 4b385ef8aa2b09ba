export { dumpReadModel } from './read-model-dump';
export { randomProgram, type RandomProgramOptions } from './random-program';
