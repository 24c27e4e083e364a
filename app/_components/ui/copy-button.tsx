'use client';

import { useState } from 'react';
import { buttonClass } from './button-class';

/** Copies `text` to the clipboard and says so; `label` names what is copied for screen readers. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" onClick={copy} aria-label={`Copy ${label}`} className={`${buttonClass('secondary')} px-2 py-1 text-xs`}>Copy</button>
      <span role="status" className="text-xs text-zinc-500">{state === 'copied' ? 'Copied.' : state === 'failed' ? 'Copy failed: select the text and copy it.' : ''}</span>
    </span>
  );
}
