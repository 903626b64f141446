import { useId, useMemo, useState } from 'react';
import { exceedsMediaFieldLimit, MEDIA_FIELD_SPECS, MEDIA_LIST_ITEM_MAX, MEDIA_LIST_MAX, MEDIA_TEXT_MAX, type MediaField, type MediaFields } from '../../shared/media-fields';
import { applyTemplate, templateChanges, type CaptionTemplate, type TemplateFieldChange, type TemplateMode } from '../../shared/photo-templates';
import { lede } from '../api/client';
import { Dialog } from '../ui/Dialog';
import { countLabel, formatNumber } from '../ui/format';
import { showToast } from '../ui/toast-store';
import type { MediaAsset } from './media-pager';
import { applyTemplateToPhotos } from './template-apply';

/** Photos listed in the preview; past that the count says how many more follow the same rule (a preview of 5,000 rows helps no one). */
const LISTED_PHOTOS = 100;

const MODE_LABELS: Record<TemplateMode, string> = { empty: 'Fill empty fields only', replace: 'Replace existing text' };

interface PhotoPlan {
  asset: MediaAsset;
  /** The template's values for this photo, variables filled: what core receives and decides on again. */
  proposed: Partial<MediaFields>;
  changes: TemplateFieldChange[];
}

/**
 * What a template will do, per photo and field, before anything is written:
 * the same rule core applies (templateChanges), on the photos as the desk has
 * them. Core decides again on apply, so text that arrived meanwhile is still
 * kept in "Fill empty fields only".
 */
export function TemplatePreviewDialog({ template, assets, mode: initialMode, onCancel, onApplied }: { template: CaptionTemplate; assets: MediaAsset[]; mode: TemplateMode; onCancel(): void; onApplied(): void }) {
  const [mode, setMode] = useState(initialMode);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const groupName = useId();

  const plans = useMemo<PhotoPlan[]>(
    () =>
      assets.map((asset, index) => {
        const proposed = applyTemplate(template, { filename: asset.filename, fields: asset.fields as MediaFields, takenAt: asset.takenAt, seq: index + 1 });
        return { asset, proposed, changes: templateChanges(proposed, asset.fields as MediaFields, mode) };
      }),
    [template, assets, mode],
  );
  const writes = plans.reduce((n, plan) => n + plan.changes.filter((c) => c.outcome === 'write').length, 0);
  const kept = plans.reduce((n, plan) => n + plan.changes.filter((c) => c.outcome === 'kept').length, 0);
  const photosChanged = plans.filter((plan) => plan.changes.some((c) => c.outcome === 'write')).length;
  // Every filled-in value is sent (core decides again), so each must fit its field, kept or not.
  const tooLong = plans.flatMap((plan) =>
    (Object.entries(plan.proposed) as Array<[MediaField, string | string[]]>).filter(([, value]) => exceedsMediaFieldLimit(value)).map(([field]) => ({ filename: plan.asset.filename, field })),
  );

  const choose = (next: TemplateMode) => {
    setMode(next);
    // Remembered for the next template, on this computer (photo desk settings).
    void lede()
      .invoke('photoDesk.set', { templateMode: next })
      .then((result) => {
        if (!result.ok) showToast({ message: `Your choice was not remembered: ${result.error.message}`, tone: 'error' });
      });
  };

  const apply = async () => {
    setBusy(true);
    setError(null);
    const result = await applyTemplateToPhotos(
      template.name,
      plans.map((plan) => ({ sha256: plan.asset.sha256, fields: plan.proposed })),
      mode,
    );
    setBusy(false);
    if (result.ok) onApplied();
    else setError(result.message);
  };

  return (
    <Dialog
      title={`Apply “${template.name}”`}
      className="template-preview-dialog"
      onClose={onCancel}
      description="Check what changes on each photo before anything is written."
      actions={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button button-primary" disabled={busy || writes === 0 || tooLong.length > 0} onClick={() => void apply()} data-autofocus>
            Apply
          </button>
        </>
      }
    >
      <fieldset className="template-mode">
        <legend className="field-label">Text the photos already have</legend>
        {(Object.keys(MODE_LABELS) as TemplateMode[]).map((option) => (
          <label key={option} className="template-mode-option">
            <input type="radio" name={groupName} value={option} checked={mode === option} onChange={() => choose(option)} />
            {MODE_LABELS[option]}
          </label>
        ))}
      </fieldset>
      <p className="template-summary" role="status">
        {writes === 0
          ? 'Nothing would change.'
          : `${countLabel(writes, 'field changes', 'fields change')} on ${countLabel(photosChanged, 'photo', 'photos')}.`}
        {kept > 0 && ` ${countLabel(kept, 'field is', 'fields are')} left as ${kept === 1 ? 'it is' : 'they are'} because ${kept === 1 ? 'it has' : 'they have'} text.`}
      </p>
      {tooLong.length > 0 && (
        <p role="alert" className="form-error">
          Too long once filled in: {MEDIA_FIELD_SPECS[tooLong[0]!.field].label} of {tooLong[0]!.filename}
          {tooLong.length > 1 && ` and ${countLabel(tooLong.length - 1, 'other field', 'other fields')}`}. A field holds at most {formatNumber(MEDIA_TEXT_MAX)} characters, a list {MEDIA_LIST_MAX} items of {formatNumber(MEDIA_LIST_ITEM_MAX)}; shorten the template.
        </p>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="template-preview" role="region" aria-label="Changes per photo" tabIndex={0}>
        {plans.slice(0, LISTED_PHOTOS).map((plan) => (
          <PhotoPreview key={plan.asset.sha256} plan={plan} />
        ))}
        {plans.length > LISTED_PHOTOS && <p className="muted">…and {countLabel(plans.length - LISTED_PHOTOS, 'more photo', 'more photos')}, by the same rule.</p>}
      </div>
    </Dialog>
  );
}

function shown(value: string | string[]): string {
  return Array.isArray(value) ? value.join(', ') : value;
}

function Value({ value }: { value: string | string[] }) {
  const text = shown(value);
  // Clamped to twelve lines on screen (CSS): a preview is read at a glance; the whole text stays in the page for screen readers.
  return text.trim() === '' ? <span className="muted">(empty)</span> : <span className="template-value">{text}</span>;
}

function PhotoPreview({ plan }: { plan: PhotoPlan }) {
  const headingId = useId();
  const rows = plan.changes.filter((change) => change.outcome !== 'same');
  return (
    <section className="template-preview-photo" aria-labelledby={headingId}>
      <h3 id={headingId} className="template-preview-name">
        {plan.asset.filename}
      </h3>
      {rows.length === 0 ? (
        <p className="muted">Already as the template has it; nothing changes.</p>
      ) : (
        <table className="template-preview-table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Current</th>
              <th scope="col">New</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((change) => (
              <tr key={change.field} className={change.outcome === 'kept' ? 'is-kept' : 'is-written'}>
                <th scope="row">{MEDIA_FIELD_SPECS[change.field].label}</th>
                <td>
                  <Value value={change.current} />
                </td>
                <td>
                  {change.outcome === 'kept' ? (
                    <span className="template-kept">Kept: not empty</span>
                  ) : (
                    <Value value={change.next} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
