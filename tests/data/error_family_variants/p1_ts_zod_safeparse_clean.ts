// clean: JS-REQUEST-PARSE-UNGUARDED
import { NextResponse } from "next/server";
import { z } from "zod";

const body = z.object({ name: z.string().min(1).max(80) });

export async function POST(req: Request) {
  const parsed = body.safeParse(await req.json().catch(() => null));
  if (!parsed.success) {
    return NextResponse.json({ error: parsed.error.flatten() }, { status: 400 });
  }
  return NextResponse.json(await createProject(parsed.data), { status: 201 });
}
