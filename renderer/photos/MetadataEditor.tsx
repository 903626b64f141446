import { Fragment, useMemo } from 'react';
import { REWRITABLE_FIELDS } from '../../shared/field-rewrites';
import { MEDIA_FIELDS, checkMediaFields, isListField, type MediaField, type MediaFields } from '../../shared/media-fields';
import { splitList, type CodeReplacement } from '../../shared/photo-templates';
import { lede } from '../api/client';
import { showToast } from '../ui/toast-store';
import type { MediaAsset } from './media-pager';
import { MediaFieldInput } from './MediaFieldInput';
import { countLabel } from '../ui/format';
import { MediaRivalNotices } from './MediaRivalNotices';

/** The photo's fields whose offline rewrites are kept whole, with rival versions beside them (ADR 0061). */
const REWRITABLE: ReadonlySet<string> = new Set(REWRITABLE_FIELDS.media.map((field) => field.field));

interface MetadataEditorProps {
  assets: MediaAsset[];
  codes: readonly CodeReplacement[];
  /** The photo last clicked: the source when copying a caption to the others. */
  focused: MediaAsset | undefined;
  onOpenTemplates(): void;
  onExport(): void;
}

/** The value every photo shares for a field (lists as "a, b"), or null when they differ. */
export function commonValue(assets: readonly MediaAsset[], field: MediaField): string | null {
  const text = (asset: MediaAsset) => (isListField(field) ? asset.fields[field].join(', ') : asset.fields[field]);
  const first = assets[0] ? text(assets[0]) : '';
  return assets.every((asset) => text(asset) === first) ? first : null;
}

/** Writes one field to every given photo; nothing else on them changes. */
export async function writeField(sha256s: readonly string[], field: MediaField, value: string): Promise<boolean> {
  const fieldValue = isListField(field) ? splitList(value) : value;
  const result = await lede().invoke('media.update', {
    changes: sha256s.map((sha256) => ({ sha256, fields: { [field]: fieldValue } as Partial<MediaFields> })),
  });
  if (!result.ok) showToast({ message: `Not saved: ${result.error.message}`, tone: 'error' });
  return result.ok;
}

/**
 * The metadata of the selected photos: one photo's values, or for several
 * the values they share, with "mixed" where they differ. A field the person
 * changes is written to every selected photo when they leave it; fields they
 * did not touch are never written.
 */
export function MetadataEditor({ assets, codes, focused, onOpenTemplates, onExport }: MetadataEditorProps) {
  const sha256s = useMemo(() => assets.map((asset) => asset.sha256), [assets]);
  const values = useMemo(() => Object.fromEntries(MEDIA_FIELDS.map((field) => [field, commonValue(assets, field)])) as Record<MediaField, string | null>, [assets]);
  const counts = useMemo(() => {
    let missingAlt = 0;
    let missingCredit = 0;
    let over = 0;
    for (const asset of assets) {
      const problems = checkMediaFields(asset.fields);
      if (problems.some((p) => p.field === 'altText' && p.level === 'WARN')) missingAlt++;
      if (problems.some((p) => p.field === 'credit' && p.level === 'WARN')) missingCredit++;
      if (problems.some((p) => p.level === 'ERROR')) over++;
    }
    return { missingAlt, missingCredit, over };
  }, [assets]);
  const single = assets.length === 1 ? assets[0] : undefined;

  const copyCaption = async () => {
    if (!focused) return;
    const others = sha256s.filter((sha) => sha !== focused.sha256);
    if (others.length === 0) return;
    if (await writeField(others, 'caption', focused.fields.caption)) {
      showToast({ message: `Caption of ${focused.filename} copied to ${countLabel(others.length, 'photo', 'photos')}.` });
    }
  };

  return (
    <section className="metadata-editor" aria-labelledby="metadata-title">
      <div className="metadata-head">
        <h2 id="metadata-title" className="metadata-title">
          {single ? single.filename : `${countLabel(assets.length, 'photo', 'photos')} selected`}
        </h2>
        {single && (
          <p className="metadata-facts muted">
            {single.width} × {single.height} px · {(single.bytes / 1024 / 1024).toFixed(1)} MB
            {single.camera && ` · ${single.camera}`}
            {single.takenAt && ` · taken ${single.takenAt.slice(0, 16).replace('T', ' ')}`}
          </p>
        )}
        <ul className="metadata-checks" aria-label="Checks">
          {counts.over > 0 && <li className="check-error">{countLabel(counts.over, 'photo exceeds', 'photos exceed')} an IPTC byte limit</li>}
          {counts.missingAlt > 0 && <li className="check-warn">{countLabel(counts.missingAlt, 'photo lacks', 'photos lack')} alt text</li>}
          {counts.missingCredit > 0 && <li className="check-warn">{countLabel(counts.missingCredit, 'photo lacks', 'photos lack')} a credit</li>}
          {counts.over + counts.missingAlt + counts.missingCredit === 0 && <li className="check-ok">Ready to export</li>}
        </ul>
        <div className="metadata-actions">
          <button type="button" className="button button-small" onClick={onOpenTemplates}>
            Apply template…
          </button>
          {assets.length > 1 && focused && (
            <button type="button" className="button button-small" onClick={() => void copyCaption()} title={`Copies the caption of ${focused.filename} to the other selected photos`}>
              Copy caption to selection
            </button>
          )}
          <button type="button" className="button button-small button-primary" onClick={onExport}>
            Export…
          </button>
        </div>
      </div>
      <div className="metadata-fields">
        {MEDIA_FIELDS.map((field) => (
          <Fragment key={field}>
            <MediaFieldInput field={field} value={values[field]} codes={codes} onCommit={(f, value) => void writeField(sha256s, f, value)} />
            {single && REWRITABLE.has(field) && <MediaRivalNotices sha256={single.sha256} field={field} />}
          </Fragment>
        ))}
      </div>
    </section>
  );
}
