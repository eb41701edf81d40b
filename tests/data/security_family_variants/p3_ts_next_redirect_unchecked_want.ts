// want: JS-OPEN-REDIRECT
// path: app/auth/callback/route.ts
import { NextRequest, NextResponse } from "next/server";
import { exchangeCode } from "@/lib/auth";

export async function GET(req: NextRequest) {
  const code = req.nextUrl.searchParams.get("code");
  if (!code) return NextResponse.redirect(new URL("/login", req.url));
  await exchangeCode(code);
  const next = req.nextUrl.searchParams.get("next") ?? "/dashboard";
  return NextResponse.redirect(next);
}
