// A job written for these tests: every product fanned out at once, next to the same work through a limit.
export async function repriceAll(): Promise<void> {
  const products = await prisma.product.findMany({ select: { id: true, sku: true } }); // expect: ANY-UNBOUNDED-FANOUT
  await Promise.all(products.map(async (p) => pricing.reprice(p.sku)));
}

export async function repriceLimited(): Promise<void> {
  const limit = pLimit(8);
  const products = await prisma.product.findMany({ select: { id: true, sku: true } });
  await Promise.all(products.map((p) => limit(() => pricing.reprice(p.sku))));
}
