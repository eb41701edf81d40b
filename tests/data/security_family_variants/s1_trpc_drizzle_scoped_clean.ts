// clean: JS-LOOKUP-IGNORES-CALLER
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "~/server/db";
import { notes } from "~/server/db/schema";
import { createTRPCRouter, protectedProcedure } from "~/server/api/trpc";

export const notesRouter = createTRPCRouter({
  byId: protectedProcedure.input(z.object({ id: z.number() })).query(async ({ ctx, input }) => {
    const note = await db.query.notes.findFirst({
      where: and(eq(notes.id, input.id), eq(notes.authorId, ctx.session.user.id)),
    });
    if (!note) throw new TRPCError({ code: "NOT_FOUND" });
    return note;
  }),

  remove: protectedProcedure.input(z.object({ id: z.number() })).mutation(async ({ ctx, input }) => {
    await db.delete(notes).where(and(eq(notes.id, input.id), eq(notes.authorId, ctx.session.user.id)));
    return { ok: true };
  }),
});
