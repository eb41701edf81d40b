export async function charge(id: string): Promise<Charge> {
  try {
    return await gateway.charge(id);
  } catch (err) {
    throw new Error(`charge failed for ${id}: ${(err as Error).message}`); // expect: JS-ERROR-CAUSE-DROPPED
  }
}

export async function chargeWithCause(id: string): Promise<Charge> {
  try {
    return await gateway.charge(id);
  } catch (err: unknown) {
    throw new Error(`charge failed for ${id}`, { cause: err });
  }
}

export async function chargeReported(id: string): Promise<Charge> {
  try {
    return await gateway.charge(id);
  } catch (error) {
    throw new ConnectorError(Codes.InvalidResponse, { message: "charge failed", error });
  }
}

export async function parseBody(raw: string): Promise<Body> {
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw new BadRequestException(`invalid body: ${(e as Error).message}`);
  }
}
