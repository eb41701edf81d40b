// want: JS-LOOKUP-IGNORES-CALLER
// path: src/server/routers/posts.ts
import { z } from "zod";
import { and, eq } from "drizzle-orm";
import { TRPCError } from "@trpc/server";
import { posts } from "../db/schema";
import { protectedProcedure, router } from "../trpc";

export const postsRouter = router({
  mine: protectedProcedure.query(({ ctx }) =>
    ctx.db.select().from(posts).where(eq(posts.authorId, ctx.session.user.id)),
  ),
  publish: protectedProcedure.input(z.object({ id: z.number() })).mutation(async ({ ctx, input }) => {
    const [row] = await ctx.db
      .update(posts)
      .set({ publishedAt: new Date() })
      .where(eq(posts.id, input.id))
      .returning();
    if (!row) throw new TRPCError({ code: "NOT_FOUND" });
    return row;
  }),
});
