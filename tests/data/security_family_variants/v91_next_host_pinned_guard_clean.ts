// clean: JS-SSRF
// path: app/api/image-proxy/route.ts
import { NextRequest, NextResponse } from "next/server";

const IMAGE_HOSTS = ["images.unsplash.com", "avatars.githubusercontent.com"];

export async function GET(req: NextRequest) {
  const src = req.nextUrl.searchParams.get("src");
  if (!src || !/^https:\/\//.test(src)) {
    return NextResponse.json({ error: "invalid src" }, { status: 400 });
  }
  const url = new URL(src);
  if (!IMAGE_HOSTS.includes(url.hostname)) {
    return NextResponse.json({ error: "host not allowed" }, { status: 400 });
  }
  const upstream = await fetch(url.toString(), { cache: "no-store" });
  return new NextResponse(upstream.body, {
    headers: { "content-type": upstream.headers.get("content-type") ?? "application/octet-stream" },
  });
}
