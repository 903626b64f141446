/**
 * Hands a file to the person. In the web shell that is a download through a
 * Blob link; the Electron shell can later replace it with a save dialog
 * (set once at start-up, like the media URL resolver).
 */
export type SaveFile = (file: { fileName: string; mimeType: string; text: string }) => void;

let save: SaveFile = ({ fileName, mimeType, text }) => {
  const url = URL.createObjectURL(new Blob([text], { type: `${mimeType};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

export function saveFile(file: Parameters<SaveFile>[0]): void {
  save(file);
}

export function setSaveFile(next: SaveFile): void {
  save = next;
}
