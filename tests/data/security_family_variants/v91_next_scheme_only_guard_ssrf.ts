// want: JS-SSRF
// path: app/api/image-proxy/route.ts
import { NextRequest, NextResponse } from "next/server";

export async function GET(req: NextRequest) {
  const src = req.nextUrl.searchParams.get("src");
  if (!src || !/^https?:\/\//.test(src)) {
    return NextResponse.json({ error: "invalid src" }, { status: 400 });
  }
  const upstream = await fetch(src, { cache: "no-store" });
  if (!upstream.ok) {
    return NextResponse.json({ error: "upstream failed" }, { status: 502 });
  }
  return new NextResponse(upstream.body, {
    headers: { "content-type": upstream.headers.get("content-type") ?? "application/octet-stream" },
  });
}
