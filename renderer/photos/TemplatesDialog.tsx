import { useId, useState } from 'react';
import { MEDIA_FIELDS, MEDIA_FIELD_SPECS } from '../../shared/media-fields';
import { MEDIA_BATCH_MAX } from '../../shared/contract';
import { TEMPLATE_VARIABLES, type CaptionTemplate, type TemplateMode } from '../../shared/photo-templates';
import { lede } from '../api/client';
import { Dialog } from '../ui/Dialog';
import { countLabel } from '../ui/format';
import { showToast } from '../ui/toast-store';
import type { MediaAsset } from './media-pager';
import { TemplatePreviewDialog } from './TemplatePreviewDialog';

interface TemplatesDialogProps {
  templates: CaptionTemplate[];
  assets: MediaAsset[];
  /** The person's last choice between filling empty fields and replacing text; the preview starts with it. */
  mode: TemplateMode;
  onClose(): void;
}

function blankTemplate(): CaptionTemplate {
  return {
    id: crypto.randomUUID(),
    name: 'New template',
    fields: MEDIA_FIELDS.map((field) => ({ field, value: '', apply: false })),
  };
}

/** Every field appears in the editor, in the desk's order, whatever the stored template holds. */
function complete(template: CaptionTemplate): CaptionTemplate {
  const byField = new Map(template.fields.map((entry) => [entry.field, entry]));
  return { ...template, fields: MEDIA_FIELDS.map((field) => byField.get(field) ?? { field, value: '', apply: false }) };
}

/**
 * Caption templates: each field has a value and an "Apply" tick; applying
 * shows first what the ticked fields would change on each selected photo
 * (TemplatePreviewDialog), with {filename}, {creator}, {date}, {seq} and
 * every field by its name filled in per photo.
 */
export function TemplatesDialog({ templates, assets, mode, onClose }: TemplatesDialogProps) {
  const [list, setList] = useState(templates);
  const [current, setCurrent] = useState<CaptionTemplate>(() => complete(templates[0] ?? blankTemplate()));
  const [previewing, setPreviewing] = useState(false);
  const nameId = useId();
  const pickId = useId();

  const save = async (next: CaptionTemplate[]) => {
    const result = await lede().invoke('photoDesk.set', { templates: next });
    if (!result.ok) {
      showToast({ message: `Templates not saved: ${result.error.message}`, tone: 'error' });
      return false;
    }
    setList(result.value.templates);
    return true;
  };

  const saveCurrent = async () => {
    const stored = { ...current, fields: current.fields.filter((entry) => entry.apply || entry.value !== '') };
    const exists = list.some((t) => t.id === current.id);
    return save(exists ? list.map((t) => (t.id === current.id ? stored : t)) : [...list, stored]);
  };

  const preview = () => {
    if (!current.fields.some((entry) => entry.apply)) {
      showToast({ message: 'Tick “Apply” beside the fields this template should change.', tone: 'error' });
      return;
    }
    // One application is one undoable step, so it must fit in one call.
    if (assets.length > MEDIA_BATCH_MAX) {
      showToast({ message: `A template applies to at most ${MEDIA_BATCH_MAX} photos at once; ${assets.length} are selected. Select fewer.`, tone: 'error' });
      return;
    }
    setPreviewing(true);
  };

  const setEntry = (index: number, patch: Partial<CaptionTemplate['fields'][number]>) =>
    setCurrent((template) => ({ ...template, fields: template.fields.map((entry, i) => (i === index ? { ...entry, ...patch } : entry)) }));

  return (
    <Dialog
      title="Caption templates"
      className="templates-dialog"
      onClose={onClose}
      description={`Variables: ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(' ')} and any field by its name, such as {headline} — filled in for each photo. An empty variable takes its brackets and punctuation with it.`}
      actions={
        <>
          <button type="button" className="button" onClick={() => void saveCurrent()}>
            Save template
          </button>
          <button type="button" className="button button-primary" disabled={assets.length === 0} onClick={preview}>
            Apply to {countLabel(assets.length, 'photo', 'photos')}…
          </button>
        </>
      }
    >
      <div className="templates-pick">
        <div className="field">
          <label className="field-label" htmlFor={pickId}>
            Template
          </label>
          <select
            id={pickId}
            className="select"
            value={list.some((t) => t.id === current.id) ? current.id : ''}
            onChange={(event) => {
              const chosen = list.find((t) => t.id === event.target.value);
              if (chosen) setCurrent(complete(chosen));
            }}
          >
            {!list.some((t) => t.id === current.id) && <option value="">{current.name} (not saved)</option>}
            {list.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={nameId}>
            Template name
          </label>
          <input id={nameId} className="input" value={current.name} onChange={(event) => setCurrent({ ...current, name: event.target.value })} />
        </div>
        <button type="button" className="button button-small" onClick={() => setCurrent(blankTemplate())}>
          New template
        </button>
        {list.some((t) => t.id === current.id) && (
          <button
            type="button"
            className="button button-small button-danger-quiet"
            onClick={() => void save(list.filter((t) => t.id !== current.id)).then((ok) => ok && setCurrent(blankTemplate()))}
          >
            Delete template
          </button>
        )}
      </div>
      <table className="templates-table">
        <thead>
          <tr>
            <th scope="col">Apply</th>
            <th scope="col">Field</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {current.fields.map((entry, index) => {
            const label = MEDIA_FIELD_SPECS[entry.field].label;
            return (
              <tr key={entry.field} className={entry.apply ? 'is-applied' : ''}>
                <td>
                  <input type="checkbox" aria-label={`Apply ${label}`} checked={entry.apply} onChange={(event) => setEntry(index, { apply: event.target.checked })} />
                </td>
                <th scope="row">
                  <label htmlFor={`${nameId}-${entry.field}`}>{label}</label>
                </th>
                <td>
                  <input
                    id={`${nameId}-${entry.field}`}
                    className="input input-small"
                    value={entry.value}
                    onChange={(event) => setEntry(index, { value: event.target.value, apply: entry.apply || event.target.value !== '' })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {previewing && (
        <TemplatePreviewDialog
          template={current}
          assets={assets}
          mode={mode}
          onCancel={() => setPreviewing(false)}
          onApplied={onClose}
        />
      )}
    </Dialog>
  );
}
