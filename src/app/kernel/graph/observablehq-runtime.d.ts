/** The parts of @observablehq/runtime 6 the kernel uses (the package ships no types). */
declare module '@observablehq/runtime' {
  export interface Observer {
    pending?(): void;
    fulfilled?(value: unknown, name?: string | null): void;
    rejected?(error: unknown, name?: string | null): void;
  }

  export class Variable {
    define(name: string | null, inputs: readonly string[], definition: (...inputs: never[]) => unknown): Variable;
    define(inputs: readonly string[], definition: (...inputs: never[]) => unknown): Variable;
    delete(): Variable;
  }

  export class Module {
    variable(observer?: Observer | boolean): Variable;
    value(name: string): Promise<unknown>;
  }

  export class Runtime {
    constructor(builtins?: Record<string, unknown>, global?: (name: string) => unknown);
    module(): Module;
    dispose(): void;
  }

  export class RuntimeError extends Error {
    constructor(message: string, input?: string);
    input?: string;
  }
}
