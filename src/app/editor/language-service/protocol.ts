/** Messages between the page and the language service worker. */

export interface CellText {
  id: string;
  text: string;
}

export interface LsDiagnostic {
  from: number;
  to: number;
  message: string;
  severity: 'error' | 'warning' | 'info';
}

export interface LsCompletion {
  label: string;
  type: string;
  detail?: string;
  /** Lower sorts first. */
  rank: string;
}

export interface LsQuickInfo {
  from: number;
  to: number;
  text: string;
  documentation: string;
}

export interface LsRequests {
  /** The notebook's code cells as they are now (every cell can see every other's names). */
  update: {args: {cells: CellText[]}; result: void};
  diagnostics: {args: {id: string}; result: LsDiagnostic[]};
  completions: {args: {id: string; position: number}; result: {from: number; options: LsCompletion[]} | null};
  quickInfo: {args: {id: string; position: number}; result: LsQuickInfo | null};
}

export type LsRequestName = keyof LsRequests;
