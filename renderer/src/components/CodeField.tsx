// A code or SQL parameter in Monaco. Loaded lazily (Monaco is large): the canvas opens without it.
import '../monaco/setup.js';
import Editor from '@monaco-editor/react';
import { useResolvedTheme } from '../theme.js';

export interface CodeFieldProps {
  value: string;
  language: 'javascript' | 'sql' | 'json';
  onChange(value: string): void;
  onBlur(): void;
  testId: string;
  /** The id of the field's label, which names the editor for screen readers. */
  labelId: string;
}

export default function CodeField({ value, language, onChange, onBlur, testId, labelId }: CodeFieldProps) {
  const theme = useResolvedTheme();
  return (
    <div className="code-field" data-testid={testId} role="group" aria-labelledby={labelId}>
      <Editor
        height="180px"
        language={language}
        value={value}
        theme={theme === 'dark' ? 'vs-dark' : 'vs'}
        onChange={(v) => onChange(v ?? '')}
        onMount={(editor) => {
          editor.onDidBlurEditorText(onBlur);
          const label = document.getElementById(labelId)?.textContent;
          if (label) editor.updateOptions({ ariaLabel: `${label} (${language})` });
        }}
        options={{
          minimap: { enabled: false },
          fontSize: 12.5,
          lineNumbers: 'on',
          lineNumbersMinChars: 3,
          scrollBeyondLastLine: false,
          automaticLayout: true,
          tabSize: 2,
          wordWrap: 'on',
          renderLineHighlight: 'none',
          overviewRulerLanes: 0,
          padding: { top: 6, bottom: 6 },
        }}
      />
    </div>
  );
}
