import { useId, useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { FIGURE_TEXT_FIELDS, FIGURE_TEXT_LABELS, fieldsToAsk, normalizeFigureText, type FigureTextField, type FigureTexts, type FigureTextSource } from './figure-photo-choice';

interface FigurePhotoChoiceDialogProps {
  figure: FigureTexts;
  photo: FigureTexts;
  onCancel(): void;
  onChoose(choices: Partial<Record<FigureTextField, FigureTextSource>>): void;
}

/**
 * Asked when the chosen photo's caption, credit or alt text differs from the
 * figure's own: per field, keep the figure's (preselected) or use the photo's.
 */
export function FigurePhotoChoiceDialog({ figure, photo, onCancel, onChoose }: FigurePhotoChoiceDialogProps) {
  const asked = fieldsToAsk(figure, photo);
  const [choices, setChoices] = useState<Partial<Record<FigureTextField, FigureTextSource>>>(() => Object.fromEntries(asked.map((field) => [field, 'figure'])));
  const filled = FIGURE_TEXT_FIELDS.filter((field) => normalizeFigureText(figure[field]) === '' && normalizeFigureText(photo[field]) !== '');
  return (
    <Dialog
      title="Keep the figure’s own text?"
      className="figure-choice-dialog"
      onClose={onCancel}
      description="This figure already has text of its own that differs from the photo’s. Choose for each field which to keep."
      actions={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button button-primary" onClick={() => onChoose(choices)} data-autofocus>
            Use this photo
          </button>
        </>
      }
    >
      {asked.map((field) => (
        <FieldChoice
          key={field}
          field={field}
          figure={figure[field]}
          photo={photo[field]}
          value={choices[field] ?? 'figure'}
          onChange={(source) => setChoices((all) => ({ ...all, [field]: source }))}
        />
      ))}
      {filled.length > 0 && (
        <p className="muted figure-choice-filled">
          Empty on the figure, filled from the photo: {filled.map((field) => FIGURE_TEXT_LABELS[field]).join(', ')}.
        </p>
      )}
    </Dialog>
  );
}

function FieldChoice({ field, figure, photo, value, onChange }: { field: FigureTextField; figure: string; photo: string; value: FigureTextSource; onChange(source: FigureTextSource): void }) {
  const name = useId();
  const label = FIGURE_TEXT_LABELS[field];
  const lower = label.toLowerCase();
  const options: Array<{ source: FigureTextSource; label: string; text: string }> = [
    { source: 'figure', label: `Keep the figure’s ${lower}`, text: figure },
    { source: 'photo', label: `Use the photo’s ${lower}`, text: photo },
  ];
  return (
    <fieldset className="figure-choice">
      <legend className="field-label">{label}</legend>
      {options.map((option) => (
        <label key={option.source} className={`figure-choice-option ${value === option.source ? 'is-chosen' : ''}`}>
          <input type="radio" name={name} value={option.source} checked={value === option.source} onChange={() => onChange(option.source)} />
          <span>
            <span className="figure-choice-label">{option.label}</span>
            <span className="figure-choice-text">{normalizeFigureText(option.text)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
