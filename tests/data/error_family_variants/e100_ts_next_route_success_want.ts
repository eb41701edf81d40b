// want: JS-ERROR-ANSWERED-OK
import { NextResponse } from "next/server";
import { stripe } from "@/lib/stripe";
import { auth } from "@/lib/auth";

export async function POST(req: Request) {
  const session = await auth();
  if (!session) return NextResponse.json({ error: "unauthorized" }, { status: 401 });
  const { subscriptionId } = await req.json();
  try {
    await stripe.subscriptions.cancel(subscriptionId);
  } catch (error) {
    console.error("cancel failed", error);
    return NextResponse.json({ success: true });
  }
  return NextResponse.json({ success: true });
}
