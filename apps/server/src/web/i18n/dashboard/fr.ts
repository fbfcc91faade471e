// PLACEHOLDER until the translated dashboard catalog lands: the English dashboard messages under the
// name the fr catalog imports, so the hosted pages' fr catalog compiles and can be tested.
export { enDashboard as frDashboard } from './en.ts';
