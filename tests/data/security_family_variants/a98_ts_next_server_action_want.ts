// want: JS-ROUTE-NO-AUTH
// path: src/app/settings/actions.ts
"use server";

import { revalidatePath } from "next/cache";
import { auth } from "@/auth";
import { db } from "@/lib/db";

export async function updateDisplayName(formData: FormData) {
  const session = await auth();
  if (!session?.user) throw new Error("Unauthorized");
  await db.user.update({ where: { id: session.user.id }, data: { name: String(formData.get("name")) } });
  revalidatePath("/settings");
}

export async function deleteTeam(teamId: string) {
  await db.team.delete({ where: { id: teamId } });
  revalidatePath("/settings");
}
