// PLACEHOLDER until the translated dashboard catalog lands: the English dashboard messages under the
// name the de catalog imports, so the hosted pages' de catalog compiles and can be tested.
export { enDashboard as deDashboard } from './en.ts';
