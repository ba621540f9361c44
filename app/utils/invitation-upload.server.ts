const MAX_UPLOAD_BYTES = 512 * 1024;

/** The uploaded participants file (or, on confirmation, the checked text sent back), or what to do instead. */
export async function uploadedText(form: FormData): Promise<string | { problem: string }> {
  const file = form.get("file");
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_UPLOAD_BYTES) return { problem: `That file is ${Math.round(file.size / 1024)} KB; upload at most 512 KB at a time.` };
    return file.text();
  }
  const csv = form.get("csv");
  if (typeof csv === "string" && csv.trim() !== "") return csv;
  return { problem: "Choose a CSV file to upload." };
}
