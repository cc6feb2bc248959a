// One schema, split by area and re-exported here for drizzle and drizzle-kit.
export * from './schema/schools';
export * from './schema/staff';
export * from './schema/roster';
export * from './schema/rounds';
export * from './schema/bookings';
export * from './schema/interpreters';
export * from './schema/messages';
export * from './schema/reports';
export * from './schema/audit';
export * from './schema/rate-limit';
export * from './schema/outreach';
