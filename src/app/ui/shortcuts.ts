/** The keyboard shortcuts, as the help panel lists them. */
export const SHORTCUTS: {keys: string; action: string; mode: 'edit' | 'command' | 'both'}[] = [
  {keys: 'Shift+Enter', action: 'Run the cell and go to the next one', mode: 'both'},
  {keys: 'Ctrl/⌘+Enter', action: 'Run the cell', mode: 'both'},
  {keys: 'Alt+Enter', action: 'Run the cell and insert a new one below', mode: 'both'},
  {keys: 'Ctrl/⌘+I', action: 'Interrupt the running cells', mode: 'both'},
  {keys: 'Esc', action: 'Leave the editor (command mode)', mode: 'edit'},
  {keys: 'Ctrl/⌘+Space', action: 'Complete (library functions, names from other cells)', mode: 'edit'},
  {keys: 'Enter', action: 'Edit the cell', mode: 'command'},
  {keys: '↑ / K, ↓ / J', action: 'Previous / next cell', mode: 'command'},
  {keys: 'A / B', action: 'Insert a code cell above / below', mode: 'command'},
  {keys: 'M / Y', action: 'Make the cell Markdown / code', mode: 'command'},
  {keys: 'D, D', action: 'Delete the cell', mode: 'command'},
  {keys: 'I, I', action: 'Interrupt', mode: 'command'},
  {keys: '0, 0', action: 'Restart the kernel (stops everything; outputs become stale)', mode: 'command'},
  {keys: '?', action: 'Show this help', mode: 'command'},
];
