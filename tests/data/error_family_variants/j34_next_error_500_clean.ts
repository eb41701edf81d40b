// clean: JS-ERROR-ANSWERED-OK
import { NextResponse } from 'next/server';

export async function POST(req: Request) {
  try {
    const order = await orders.create(await req.json());
    return NextResponse.json(order, { status: 201 });
  } catch (err) {
    logger.error({ err }, 'create order failed');
    return NextResponse.json({ error: 'could not create order' }, { status: 500 });
  }
}
