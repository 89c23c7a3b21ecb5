/**
 * A cell's editor: CodeMirror 6 with TypeScript highlighting (or plain Markdown text), the notebook's run keys,
 * and, for code, type-aware completion and inline type errors from the language service.
 */
import {EditorState, Compartment, Prec, type Extension} from '@codemirror/state';
import {EditorView, keymap, lineNumbers, drawSelection, highlightSpecialChars, placeholder, hoverTooltip} from '@codemirror/view';
import {defaultKeymap, history, historyKeymap, indentWithTab} from '@codemirror/commands';
import {bracketMatching, indentOnInput, syntaxHighlighting, defaultHighlightStyle} from '@codemirror/language';
import {autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, type CompletionSource} from '@codemirror/autocomplete';
import {linter, lintGutter, lintKeymap, type LintSource} from '@codemirror/lint';
import {javascript} from '@codemirror/lang-javascript';
import {highlightSelectionMatches, searchKeymap} from '@codemirror/search';

export interface EditorKeys {
  /** Shift+Enter */
  runAndAdvance(): void;
  /** Ctrl/Cmd+Enter */
  run(): void;
  /** Alt+Enter */
  runAndInsert(): void;
  /** Escape: leave the editor for command mode. */
  escape(): void;
  /** Ctrl/Cmd+I */
  interrupt(): void;
}

export interface EditorOptions {
  doc: string;
  language: 'typescript' | 'markdown';
  /** The editor's accessible name. */
  label: string;
  readOnly: boolean;
  onChange(text: string): void;
  keys: EditorKeys;
  completion?: CompletionSource;
  lint?: LintSource;
  /** The type (and doc comment) of what is under the pointer. */
  hover?: (position: number) => Promise<{from: number; to: number; text: string; documentation: string} | null>;
}

export interface CellEditor {
  view: EditorView;
  setReadOnly(readOnly: boolean): void;
  setText(text: string): void;
  focus(): void;
  destroy(): void;
}

export function createEditor(parent: HTMLElement, options: EditorOptions): CellEditor {
  const readOnly = new Compartment();
  const runKeys = Prec.highest(
    keymap.of([
      {key: 'Shift-Enter', run: () => (options.keys.runAndAdvance(), true)},
      {key: 'Mod-Enter', run: () => (options.keys.run(), true)},
      {key: 'Alt-Enter', run: () => (options.keys.runAndInsert(), true)},
      {key: 'Mod-i', run: () => (options.keys.interrupt(), true)},
      {
        key: 'Escape',
        run: (view) => {
          // Escape first closes a completion list (its own keymap); otherwise it leaves the editor.
          if (view.dom.querySelector('.cm-tooltip-autocomplete')) return false;
          options.keys.escape();
          return true;
        },
      },
    ]),
  );
  const extensions: Extension[] = [
    runKeys,
    highlightSpecialChars(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    syntaxHighlighting(defaultHighlightStyle, {fallback: true}),
    highlightSelectionMatches(),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
    EditorView.contentAttributes.of({'aria-label': options.label}),
    readOnly.of(readOnlyExtension(options.readOnly)),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onChange(update.state.doc.toString());
    }),
  ];
  if (options.language === 'typescript') {
    extensions.push(lineNumbers(), javascript({typescript: true}), placeholder('TypeScript: the library is in scope, e.g. tf.tensor([1, 2, 3])'));
    extensions.push(autocompletion(options.completion ? {override: [options.completion], activateOnTypingDelay: 150} : {}));
    if (options.lint) extensions.push(linter(options.lint, {delay: 350}), lintGutter());
    const hover = options.hover;
    if (hover) {
      extensions.push(
        hoverTooltip(async (_view, pos) => {
          const info = await hover(pos);
          if (!info) return null;
          return {
            pos: info.from,
            end: info.to,
            create: () => {
              const dom = document.createElement('div');
              dom.className = 'type-tooltip';
              const code = document.createElement('code');
              code.textContent = info.text;
              dom.append(code);
              if (info.documentation) {
                const doc = document.createElement('p');
                doc.textContent = info.documentation;
                dom.append(doc);
              }
              return {dom};
            },
          };
        }),
      );
    }
  } else {
    extensions.push(EditorView.lineWrapping, placeholder('Markdown, with $math$'));
  }
  const view = new EditorView({parent, state: EditorState.create({doc: options.doc, extensions})});
  return {
    view,
    setReadOnly: (value) => view.dispatch({effects: readOnly.reconfigure(readOnlyExtension(value))}),
    setText: (text) => {
      if (text !== view.state.doc.toString()) view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: text}});
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}

function readOnlyExtension(value: boolean): Extension {
  return [EditorState.readOnly.of(value), EditorView.editable.of(!value)];
}
