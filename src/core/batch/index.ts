/** The pure parts of batch grading: gradebook, instructor report, shards and their merge. */
export * from './csv';
export * from './gradebook';
export * from './report';
export * from './shard';
export * from './merge';
export { readShardFolder } from './folders';
