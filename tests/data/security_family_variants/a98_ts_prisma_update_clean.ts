// clean: JS-LOOKUP-IGNORES-CALLER
// path: src/app/api/projects/[id]/route.ts
import { NextResponse } from "next/server";
import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";

export async function GET(_req: Request, { params }: { params: { id: string } }) {
  const session = await auth();
  if (!session?.user) return NextResponse.json({ error: "unauthorized" }, { status: 401 });
  const project = await prisma.project.findFirst({ where: { id: params.id, ownerId: session.user.id } });
  return project ? NextResponse.json(project) : NextResponse.json({ error: "not found" }, { status: 404 });
}

export async function PATCH(req: Request, { params }: { params: { id: string } }) {
  const session = await auth();
  if (!session?.user) return NextResponse.json({ error: "unauthorized" }, { status: 401 });
  const { name } = await req.json();
  const { count } = await prisma.project.updateMany({
    where: { id: params.id, ownerId: session.user.id },
    data: { name },
  });
  return count ? NextResponse.json({ id: params.id, name }) : NextResponse.json({ error: "not found" }, { status: 404 });
}
