import { PhotoPicker } from '../photos/PhotoPicker';
import { Dialog } from '../ui/Dialog';
import type { PhotoAsset } from './figure-insert';
import '../photos/photos.css';

/** The editor toolbar's "Photo": choose a photo from the library to insert as a figure at the cursor. */
export function PhotoPickerDialog({ onClose, onInsert }: { onClose(): void; onInsert(asset: PhotoAsset): void }) {
  return (
    <Dialog title="Insert a photo" className="photo-picker-dialog" onClose={onClose} dismissOnBackdrop>
      <PhotoPicker onInsert={onInsert} autoFocus />
    </Dialog>
  );
}
