// clean: JS-PATH-TRAVERSAL
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { NextResponse } from "next/server";
import { auth } from "@/lib/auth";

export async function GET(req: Request) {
  const session = await auth();
  if (!session) return NextResponse.json({ error: "unauthorized" }, { status: 401 });
  const { searchParams } = new URL(req.url);
  const name = basename(searchParams.get("file") ?? "");
  const full = join(process.cwd(), "storage", "exports", name);
  const data = await readFile(full);
  return new NextResponse(data, { headers: { "Content-Type": "text/csv" } });
}
