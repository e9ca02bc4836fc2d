/** Helpers that build AWS estates in moto through the SDK, one account and region per set of clients. */
export * from './clients.js';
export * from './ec2.js';
export * from './elbv2.js';
export * from './elb.js';
export * from './autoscaling.js';
export * from './small-estate.js';
