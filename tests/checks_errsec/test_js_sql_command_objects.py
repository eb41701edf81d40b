"""JS-SQL-STRING: a CQRS bus or a use case that `execute`s a command object or an options object runs no
SQL text (`commandBus.execute(new CreateUser(dto))`: `commandBus` holds no `db`, whatever its letters
spell); a query config object whose `text` is built from request data still does."""

from __future__ import annotations

from .helpers import findings_of

RULE = "JS-SQL-STRING"

CONTROLLER = '''import { Body, Controller, Post, Query, Get } from "@nestjs/common";

@Controller("users")
export class UsersController {
  constructor(private readonly commandBus: CommandBus, private readonly syncUsecase: SyncUsecase) {}

  @Post()
  async create(@Body() dto: CreateUserDto) {
    return await this.commandBus.execute(new CreateUserCommand(dto));
  }

  @Get()
  async sync(@Query() query: SyncQuery) {
    await this.syncUsecase.execute({ url: `${query.host}/hooks`, tenant: query.tenant });
    return { ok: true };
  }
}
'''

ROUTE = '''router.get("/orders", async (req, res) => {
  const rows = await pool.query({ text: `SELECT * FROM orders WHERE ref = '${req.query.ref}'` }); // HERE
  res.json(rows);
});
'''


def test_commands_and_option_objects_are_not_sql() -> None:
    assert [line for line, rule in findings_of("src/users/users.controller.ts", CONTROLLER) if rule == RULE] == []


def test_a_query_config_with_spliced_text_is_reported() -> None:
    line = next(no for no, text in enumerate(ROUTE.splitlines(), start=1) if "HERE" in text)
    assert (line, RULE) in findings_of("src/routes/orders.js", ROUTE)


RESOLVERS = '''export const projectsRouter = router({
  byName: authedProcedure
    .input(z.object({ name: z.string() }))
    .query(async ({ input, ctx }) => {
      const remote = await fetchJson(`/projects/${input.name}?team=${ctx.teamId}`);
      return remote.items;
    }),
  count: authedProcedure.query(function ({ ctx }) {
    return countOf(`team:${ctx.teamId}`);
  }),
});
'''


def test_a_procedure_built_from_a_callback_runs_no_sql() -> None:
    """tRPC's `.query(resolver)`: the templates inside the resolver are URLs and cache keys, not SQL text."""
    assert [line for line, rule in findings_of("src/server/routers/projects.ts", RESOLVERS) if rule == RULE] == []


def test_a_query_call_given_sql_built_from_input_is_still_reported() -> None:
    text = '''export async function byName(input) {
  return db.query(`SELECT * FROM projects WHERE name = '${input.name}'`);
}
'''
    assert [line for line, rule in findings_of("src/server/projects.ts", text) if rule == RULE] == [2]
