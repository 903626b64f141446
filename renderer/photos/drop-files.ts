/**
 * The files in a drop, folders included: a folder dragged from the file
 * manager arrives as a directory entry that is walked here (sub-folders too),
 * keeping each file's path inside it for progress and error messages.
 */
export async function filesFromDrop(transfer: DataTransfer): Promise<{ files: File[]; fromFolder: boolean }> {
  const entries = Array.from(transfer.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.length === 0 || entries.some((entry) => entry === null)) return { files: Array.from(transfer.files), fromFolder: false };
  const files: File[] = [];
  let fromFolder = false;
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      files.push(prefix ? withPath(file, `${prefix}/${file.name}`) : file);
      return;
    }
    fromFolder = true;
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    // readEntries answers in batches (about 100 at a time) until it answers none.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child, path);
    }
  };
  for (const entry of entries) await walk(entry!, '');
  return { files, fromFolder };
}

function withPath(file: File, path: string): File {
  Object.defineProperty(file, 'webkitRelativePath', { value: path });
  return file;
}

export function hasFiles(transfer: DataTransfer | null): boolean {
  return Boolean(transfer && Array.from(transfer.types).includes('Files'));
}
