/** Export stage (browser end): save the NDJSON trace the Python side sent. */

export const EXPORT_MIME = "application/x-ndjson";

/** Trigger a browser download of `content`; returns false if the browser cannot. */
export function downloadText(filename: string, content: string, mime = EXPORT_MIME): boolean {
  if (typeof URL === "undefined" || typeof URL.createObjectURL !== "function") return false;
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}
