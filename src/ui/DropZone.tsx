import { useRef, useState, type DragEvent } from 'react';
import { useT } from './useT.ts';

/** Where a catalogue file is dropped or picked; also offers the built-in demo. */
export function DropZone({ onFile, onDemo }: { onFile: (file: File) => void; onDemo: () => void }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };
  return (
    <section
      className={`dropzone${over ? ' over' : ''}`}
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <h2>{t('dropTitle')}</h2>
      <p className="hint">{t('dropHint')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => input.current?.click()}>
          {t('chooseFile')}
        </button>
        <button type="button" onClick={onDemo} data-testid="demo">
          {t('tryDemo')}
        </button>
      </div>
      <input
        ref={input}
        type="file"
        hidden
        data-testid="file-input"
        accept=".csv,.tsv,.txt,.arrow,.feather,.ipc,.arrows,.parquet,text/csv"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          e.target.value = '';
        }}
      />
      <p className="credit">{t('demoCredit')}</p>
    </section>
  );
}
