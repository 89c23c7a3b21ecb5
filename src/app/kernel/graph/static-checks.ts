/**
 * The notebook's dataflow, worked out from each cell's declarations and references before anything runs: which cell
 * provides each name, names defined by more than one cell, circular definitions, and the cells a cell needs.
 */

export interface CellNames {
  id: string;
  declarations: readonly string[];
  references: readonly string[];
}

export interface DataflowProblems {
  /** Per cell id: a message for names it defines that another cell defines too. */
  duplicates: Map<string, string>;
  /** Per cell id: a message for the cycle it is part of. */
  cycles: Map<string, string>;
}

export class Dataflow {
  /** name → ids of the cells declaring it. */
  readonly owners = new Map<string, string[]>();
  private readonly cells = new Map<string, CellNames>();

  constructor(cells: readonly CellNames[]) {
    for (const cell of cells) {
      this.cells.set(cell.id, cell);
      for (const name of cell.declarations) {
        const list = this.owners.get(name) ?? [];
        list.push(cell.id);
        this.owners.set(name, list);
      }
    }
  }

  /** The cells a cell reads names from (only names with exactly one provider). */
  dependencies(id: string): string[] {
    const out = new Set<string>();
    for (const name of this.cells.get(id)?.references ?? []) {
      const owners = this.owners.get(name);
      if (owners?.length === 1 && owners[0] !== id) out.add(owners[0]);
    }
    return [...out];
  }

  /** Every cell `ids` need, transitively (not including `ids` themselves unless they are in a cycle). */
  upstream(ids: readonly string[]): Set<string> {
    const seen = new Set<string>();
    const stack = ids.flatMap((id) => this.dependencies(id));
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...this.dependencies(id));
    }
    return seen;
  }

  /** Every cell that reads, transitively, from `id`. */
  downstream(id: string): Set<string> {
    const seen = new Set<string>();
    const stack = [id];
    while (stack.length) {
      const current = stack.pop()!;
      for (const other of this.cells.keys()) {
        if (!seen.has(other) && other !== id && this.dependencies(other).includes(current)) {
          seen.add(other);
          stack.push(other);
        }
      }
    }
    return seen;
  }

  problems(): DataflowProblems {
    const duplicates = new Map<string, string>();
    for (const [name, owners] of this.owners) {
      if (owners.length < 2) continue;
      for (const id of owners) {
        const others = owners.length - 1;
        const message = `\`${name}\` is defined more than once: ${others === 1 ? 'another cell defines' : `${others} other cells define`} it too. Each name may be defined by one cell only; rename one of them.`;
        duplicates.set(id, duplicates.has(id) ? `${duplicates.get(id)}\n${message}` : message);
      }
    }
    const cycles = new Map<string, string>();
    for (const component of this.stronglyConnected()) {
      const message = `Circular definition: ${this.describeCycle(component)}. A cell cannot depend, directly or through other cells, on itself.`;
      for (const id of component) cycles.set(id, message);
    }
    return {duplicates, cycles};
  }

  /** `a → b → a`, following the names that link the cells of a cycle. */
  private describeCycle(component: readonly string[]): string {
    const inCycle = new Set(component);
    const start = component[0];
    const names: string[] = [];
    let current = start;
    const visited = new Set<string>();
    while (!visited.has(current)) {
      visited.add(current);
      const cell = this.cells.get(current)!;
      const link = cell.references.find((name) => {
        const owners = this.owners.get(name);
        return owners?.length === 1 && inCycle.has(owners[0]) && !visited.has(owners[0]);
      }) ?? cell.references.find((name) => this.owners.get(name)?.[0] === start);
      if (!link) break;
      names.push(link);
      current = this.owners.get(link)![0];
    }
    if (names.length) names.push(names[0]);
    return names.map((n) => `\`${n}\``).join(' → ');
  }

  /** Tarjan's algorithm: the groups of cells (size > 1) that depend on each other. */
  private stronglyConnected(): string[][] {
    let index = 0;
    const indices = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const out: string[][] = [];
    const connect = (id: string) => {
      indices.set(id, index);
      low.set(id, index++);
      stack.push(id);
      onStack.add(id);
      for (const next of this.dependencies(id)) {
        if (!indices.has(next)) {
          connect(next);
          low.set(id, Math.min(low.get(id)!, low.get(next)!));
        } else if (onStack.has(next)) {
          low.set(id, Math.min(low.get(id)!, indices.get(next)!));
        }
      }
      if (low.get(id) === indices.get(id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== id);
        if (component.length > 1) out.push(component.reverse());
      }
    };
    for (const id of this.cells.keys()) if (!indices.has(id)) connect(id);
    return out;
  }
}
