// want: JS-LOOKUP-IGNORES-CALLER
// path: app/api/notes/[id]/route.ts
import { NextResponse } from "next/server";
import { auth } from "@/auth";
import { connectDb } from "@/lib/db";
import { Note } from "@/models/note";

export async function GET(_req: Request, { params }: { params: { id: string } }) {
  const session = await auth();
  await connectDb();
  const note = await Note.findOne({ _id: params.id, userId: session?.user?.id }).lean();
  if (!note) return NextResponse.json({ error: "not found" }, { status: 404 });
  return NextResponse.json(note);
}

export async function DELETE(_req: Request, { params }: { params: { id: string } }) {
  await connectDb();
  const deleted = await Note.findByIdAndDelete(params.id);
  if (!deleted) return NextResponse.json({ error: "not found" }, { status: 404 });
  return new NextResponse(null, { status: 204 });
}
