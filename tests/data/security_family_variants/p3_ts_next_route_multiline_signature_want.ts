// want: JS-ROUTE-NO-AUTH
// path: src/app/api/folders/[folderId]/route.ts
import { NextResponse } from "next/server";
import { getSessionUser } from "@/lib/session";
import { deleteFolder, getFolder, renameFolder } from "@/lib/folders";

export async function GET(request: Request, { params }: { params: Promise<{ folderId: string }> }) {
  const user = await getSessionUser(request);
  if (!user) return NextResponse.json({ error: "unauthorized" }, { status: 401 });
  const { folderId } = await params;
  return NextResponse.json(await getFolder(user.workspaceId, folderId));
}

export async function PATCH(request: Request, { params }: { params: Promise<{ folderId: string }> }) {
  const user = await getSessionUser(request);
  if (!user) return NextResponse.json({ error: "unauthorized" }, { status: 401 });
  const { folderId } = await params;
  const { name } = await request.json();
  return NextResponse.json(await renameFolder(user.workspaceId, folderId, String(name)));
}

export async function DELETE(
  request: Request,
  { params }: { params: Promise<{ folderId: string }> },
) {
  const { folderId } = await params;
  await deleteFolder(folderId);
  return new NextResponse(null, { status: 204 });
}
