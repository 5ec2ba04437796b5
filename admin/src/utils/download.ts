/** Save a Blob or text as a file through a temporary object URL. */
export const saveFile = (content: Blob | string, filename: string, type = 'text/plain') => {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

export const timestampForFilename = (date = new Date()) => date.toISOString().slice(0, 19).replace(/[:T]/g, '-');
