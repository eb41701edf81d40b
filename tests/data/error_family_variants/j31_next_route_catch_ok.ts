// want: JS-ERROR-ANSWERED-OK
import { NextResponse } from 'next/server';

export async function DELETE(_req: Request, { params }: { params: { id: string } }) {
  try {
    await billing.cancelSubscription(params.id);
  } catch (err) {
    logger.error({ err }, 'cancel failed');
  }
  return new NextResponse(null, { status: 204 });
}
