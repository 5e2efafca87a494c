export { permissionPolicyModule as default } from './permissionPolicyModule';
