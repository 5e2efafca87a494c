export { createHealthService } from './createHealthService';
export { createHealthRouter } from './createHealthRouter';
export { scheduleHealthChecks } from './scheduleHealthChecks';
export { SagemakerHealthAws } from './SagemakerHealthAws';
export type { HealthService } from './HealthService';
