// clean: JS-PATH-TRAVERSAL
// path: app/settings/actions.ts
"use server";

import { writeFile } from "node:fs/promises";
import path from "node:path";

const AVATAR_DIR = path.join(process.cwd(), "public", "avatars");

export async function uploadAvatar(formData: FormData) {
  const file = formData.get("avatar") as File;
  const name = path.basename(formData.get("filename") as string);
  const bytes = Buffer.from(await file.arrayBuffer());
  await writeFile(path.join(AVATAR_DIR, name), bytes);
  return { ok: true };
}
