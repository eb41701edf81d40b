// want: JS-ROUTE-NO-AUTH
// path: src/server/routers/workspace.ts
import { z } from "zod";
import { protectedProcedure, publicProcedure, router } from "../trpc";

export const workspaceRouter = router({
  list: protectedProcedure.query(({ ctx }) =>
    ctx.db.workspace.findMany({ where: { members: { some: { userId: ctx.session.user.id } } } }),
  ),
  rename: protectedProcedure
    .input(z.object({ id: z.string(), name: z.string().min(1) }))
    .mutation(({ ctx, input }) =>
      ctx.db.workspace.updateMany({
        where: { id: input.id, members: { some: { userId: ctx.session.user.id, role: "OWNER" } } },
        data: { name: input.name },
      }),
    ),
  transferOwnership: publicProcedure
    .input(z.object({ id: z.string(), toUserId: z.string() }))
    .mutation(({ ctx, input }) =>
      ctx.db.membership.updateMany({
        where: { workspaceId: input.id, userId: input.toUserId },
        data: { role: "OWNER" },
      }),
    ),
});
