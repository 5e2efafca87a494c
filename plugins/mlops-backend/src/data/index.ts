export { createDataService } from './createDataService';
export { createDataRouter } from './createDataRouter';
export { scheduleDataReads } from './scheduleDataReads';
export { readDataConfig } from './readDataConfig';
export { GlueDataAws } from './GlueDataAws';
export type { DataService } from './DataService';
