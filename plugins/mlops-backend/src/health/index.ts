export { createHealthService } from './createHealthService';
export { createHealthRouter } from './createHealthRouter';
export { readHealthConfig } from './readHealthConfig';
export { scheduleHealthChecks } from './scheduleHealthChecks';
export { SagemakerHealthAws } from './SagemakerHealthAws';
export type { HealthService } from './HealthService';
