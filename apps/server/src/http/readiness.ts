// Whether this process wants new traffic. main.ts flips it when a shutdown signal arrives, so /readyz
// answers 503 at once and load balancers stop sending requests while the process drains.
export interface Readiness {
  readonly draining: boolean;
  startDraining(): void;
}

export function createReadiness(): Readiness {
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    startDraining() {
      draining = true;
    },
  };
}
