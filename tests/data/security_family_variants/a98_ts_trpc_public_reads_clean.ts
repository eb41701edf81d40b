// clean: JS-ROUTE-NO-AUTH
// path: src/server/routers/catalog.ts
import { z } from "zod";
import { publicProcedure, router } from "../trpc";

export const catalogRouter = router({
  categories: publicProcedure.query(({ ctx }) => ctx.db.category.findMany({ orderBy: { name: "asc" } })),
  product: publicProcedure
    .input(z.object({ slug: z.string() }))
    .query(({ ctx, input }) => ctx.db.product.findUnique({ where: { slug: input.slug } })),
  search: publicProcedure
    .input(z.object({ q: z.string().min(2) }))
    .query(({ ctx, input }) =>
      ctx.db.product.findMany({ where: { name: { contains: input.q, mode: "insensitive" } }, take: 20 }),
    ),
});
