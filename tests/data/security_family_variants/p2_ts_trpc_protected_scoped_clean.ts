// clean: JS-LOOKUP-IGNORES-CALLER
// path: src/server/api/routers/project.ts
import { TRPCError } from "@trpc/server";
import { z } from "zod";

import { createTRPCRouter, protectedProcedure } from "../trpc";

export const projectRouter = createTRPCRouter({
  byId: protectedProcedure.input(z.object({ id: z.string().cuid() })).query(async ({ ctx, input }) => {
    const project = await ctx.db.project.findFirst({
      where: { id: input.id, ownerId: ctx.session.user.id },
    });
    if (!project) {
      throw new TRPCError({ code: "NOT_FOUND" });
    }
    return project;
  }),

  rename: protectedProcedure
    .input(z.object({ id: z.string().cuid(), name: z.string().min(1).max(80) }))
    .mutation(async ({ ctx, input }) => {
      const { count } = await ctx.db.project.updateMany({
        where: { id: input.id, ownerId: ctx.session.user.id },
        data: { name: input.name },
      });
      if (count === 0) {
        throw new TRPCError({ code: "NOT_FOUND" });
      }
      return { ok: true };
    }),
});
