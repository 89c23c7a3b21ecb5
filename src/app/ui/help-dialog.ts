/** The help panel: keyboard shortcuts and how the notebook behaves. */
import {h} from './dom';
import {SHORTCUTS} from './shortcuts';

export function helpDialog(): HTMLDialogElement {
  const rows = SHORTCUTS.map((s) => h('tr', {}, h('td', {}, h('kbd', {}, s.keys)), h('td', {}, s.action), h('td', {class: 'muted'}, s.mode === 'both' ? 'editor & command' : s.mode === 'edit' ? 'editor' : 'command')));
  const dialog = h(
    'dialog',
    {class: 'help-dialog', 'aria-label': 'Keyboard shortcuts'},
    h('h2', {}, 'Keyboard shortcuts'),
    h('table', {}, h('tbody', {}, ...rows)),
    h('h2', {}, 'How cells run'),
    h('ul', {},
      h('li', {}, 'Every top-level const, let, function or class is a name other cells can use; a cell re-runs when a name it uses changes.'),
      h('li', {}, 'Each name may be defined by one cell only. The whole library (tf, initBackend, …) is in scope.'),
      h('li', {}, 'A cell may await; a cell that yields streams its output. display(value) adds an output; html`…` and md`…` show rich text.'),
      h('li', {}, 'Interrupt stops a running cell at its next await (training stops at the next batch). A loop that never awaits can only be stopped by Restart kernel.'),
      h('li', {}, 'Mark expensive cells “run manually”: a change upstream then marks them stale instead of re-running them.'),
      h('li', {}, 'Everything you type is saved in this browser. Nothing runs when a notebook opens.'),
    ),
    h('form', {method: 'dialog'}, h('button', {type: 'submit'}, 'Close')),
  );
  return dialog;
}
