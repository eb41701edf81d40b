// clean: JS-OPEN-REDIRECT
// path: app/auth/callback/route.ts
import { NextRequest, NextResponse } from "next/server";
import { exchangeCode } from "@/lib/auth";

function safeNext(raw: string | null): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return "/dashboard";
  return raw;
}

export async function GET(req: NextRequest) {
  const code = req.nextUrl.searchParams.get("code");
  if (!code) return NextResponse.redirect(new URL("/login", req.url));
  await exchangeCode(code);
  const next = safeNext(req.nextUrl.searchParams.get("next"));
  return NextResponse.redirect(new URL(next, req.nextUrl.origin));
}
