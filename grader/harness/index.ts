// What hidden suites import. Import this first: it captures intrinsics before learner code loads.
export * from './check';
export * from './submission';
export * from './sources';
