"""GO-TX-OUTER-HANDLE and JS-TX-OUTER-HANDLE: a statement inside a transaction run on the outer handle."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

from .helpers import DATA, expected, findings_of

GO = "GO-TX-OUTER-HANDLE"
JS = "JS-TX-OUTER-HANDLE"


def _lines(rule: str, path: str, text: str) -> list[int]:
    return sorted(f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == rule)


def _hunk_lines(rule: str, path: str, language: str, text: str, start: int) -> list[int]:
    lines = {start + i: line for i, line in enumerate(text.splitlines())}
    ctx = FileContext(path, language, lines, frozenset(lines), whole_file=False)
    return sorted(f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == rule)


_GO_SQL = """package store

func (s *Store) Transfer(ctx context.Context, from, to, amount int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, debitSQL, from, amount); err != nil {
		return err
	}
	if _, err := %s; err != nil {
		return err
	}
	return tx.Commit()
}
"""


@pytest.mark.parametrize("call", [
    "s.db.ExecContext(ctx, creditSQL, to, amount)",
    "s.db.Exec(creditSQL, to, amount)",
    "s.db.QueryContext(ctx, balanceSQL, to)",
])
def test_go_a_statement_on_the_pool_inside_begin_is_reported(call: str) -> None:
    assert _lines(GO, "internal/store/transfer.go", _GO_SQL % call) == [12]


@pytest.mark.parametrize("call", [
    "tx.ExecContext(ctx, creditSQL, to, amount)",
    "s.other.ExecContext(ctx, creditSQL, to, amount)",
    "s.db.Ping()",
])
def test_go_statements_on_the_transaction_or_another_handle_are_left_alone(call: str) -> None:
    assert _lines(GO, "internal/store/transfer.go", _GO_SQL % call) == []


def test_go_a_statement_after_commit_is_left_alone() -> None:
    text = """package store

func (s *Store) Save(ctx context.Context, o Order) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, insertSQL, o.ID); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, touchSQL, o.ID)
	return err
}
"""
    assert _lines(GO, "internal/store/save.go", text) == []


def test_go_gorm_callback_using_the_outer_db_is_reported() -> None:
    text = """package repo

func (r *OrderRepo) Place(o *Order) error {
	return r.db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(o).Error; err != nil {
			return err
		}
		return r.db.Create(&Audit{OrderID: o.ID}).Error
	})
}
"""
    assert _lines(GO, "internal/repo/orders.go", text) == [8]
    assert _lines(GO, "internal/repo/orders.go", text.replace("r.db.Create(&Audit", "tx.Create(&Audit")) == []


def test_go_pgx_with_sqlc_queries_bypassing_with_tx_is_reported() -> None:
    text = """package orders

func (s *Service) Place(ctx context.Context, p Params) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	qtx := s.queries.WithTx(tx)
	if _, err := qtx.CreateOrder(ctx, p.Order); err != nil {
		return err
	}
	if err := s.queries.DecrementStock(ctx, p.SKU); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
"""
    assert _lines(GO, "internal/orders/place.go", text) == [13]
    assert _lines(GO, "internal/orders/place.go", text.replace("s.queries.DecrementStock", "qtx.DecrementStock")) == []


def test_go_bun_run_in_tx_is_reported() -> None:
    text = """package repo

func (r *Repo) Rename(ctx context.Context, id int64, name string) error {
	return r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewUpdate().Model(&User{ID: id, Name: name}).WherePK().Exec(ctx); err != nil {
			return err
		}
		_, err := r.db.NewInsert().Model(&Event{UserID: id}).Exec(ctx)
		return err
	})
}
"""
    assert _lines(GO, "internal/repo/users.go", text) == [8]


def test_go_a_call_in_a_goroutine_is_left_alone() -> None:
    text = """package store

func (s *Store) Close(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, closeSQL, id); err != nil {
		return err
	}
	go func() {
		s.db.Exec(statsSQL)
	}()
	return tx.Commit()
}
"""
    assert _lines(GO, "internal/store/close.go", text) == []


def test_go_a_hunk_without_its_function_start_is_reported() -> None:
    hunk = """	tx, err := h.db.Beginx()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec(reserveSQL, seat); err != nil {
		return err
	}
	if _, err := h.db.Exec(ticketSQL, seat, user); err != nil {
		return err
	}
	return tx.Commit()"""
    assert _hunk_lines(GO, "internal/booking/reserve.go", "go", hunk, 40) == [48]


def test_go_a_begin_without_a_commit_in_view_is_left_alone() -> None:
    hunk = """	tx, err := h.db.Beginx()
	if err != nil {
		return err
	}
	if _, err := tx.Exec(reserveSQL, seat); err != nil {
		return err
	}
	if _, err := h.db.Exec(ticketSQL, seat, user); err != nil {
		return err
	}"""
    assert _hunk_lines(GO, "internal/booking/reserve.go", "go", hunk, 40) == []


_PRISMA = """export async function placeOrder(data: OrderInput) {
  return prisma.$transaction(async (tx) => {
    const order = await tx.order.create({ data });
    %s
    return order;
  });
}
"""


@pytest.mark.parametrize("call", [
    "await prisma.stock.update({ where: { sku: data.sku }, data: { count: { decrement: 1 } } });",
    "const left = await prisma.stock.findUnique({ where: { sku: data.sku } });",
    "await prisma.$executeRaw`UPDATE stock SET count = count - 1 WHERE sku = ${data.sku}`;",
])
def test_js_prisma_client_inside_interactive_transaction_is_reported(call: str) -> None:
    assert _lines(JS, "src/orders/place.ts", _PRISMA % call) == [4]


@pytest.mark.parametrize("call", [
    "await tx.stock.update({ where: { sku: data.sku }, data: { count: { decrement: 1 } } });",
    "const total = Prisma.sql`SELECT 1`;",
    "await prisma.$transaction([]);",
])
def test_js_prisma_transaction_handle_is_left_alone(call: str) -> None:
    assert _lines(JS, "src/orders/place.ts", _PRISMA % call) == []


def test_js_knex_outer_builder_inside_transaction_is_reported() -> None:
    text = """export async function move(id) {
  await knex.transaction(async (trx) => {
    await trx('accounts').where({ id }).decrement('balance', 10);
    await knex('ledger').insert({ account_id: id, amount: -10 });
    await knex('audit').insert({ id }).transacting(trx);
    await trx('counters').update({ n: knex.raw('n + 1') });
  });
}
"""
    assert _lines(JS, "src/ledger/move.js", text) == [4]


def test_js_knex_unmanaged_transaction_is_reported_until_commit() -> None:
    text = """export async function archive(db, id) {
  const trx = await db.transaction();
  try {
    await trx('orders').where({ id }).update({ archived: true });
    await db('order_events').insert({ order_id: id, kind: 'archived' });
    await trx.commit();
  } catch (err) {
    await trx.rollback();
    throw err;
  }
  await db('search_queue').insert({ order_id: id });
}
"""
    assert _lines(JS, "src/orders/archive.js", text) == [5]


def test_js_drizzle_and_typeorm_callbacks_are_reported() -> None:
    text = """export class PaymentService {
  async pay(id: string) {
    await this.dataSource.transaction(async (manager) => {
      await manager.save(Payment, { id });
      await this.invoiceRepository.update(id, { paid: true });
    });
  }

  async signUp(u: NewUser, p: NewProfile) {
    await this.db.transaction(async (tx) => {
      await tx.insert(users).values(u);
      await this.db.insert(profiles).values(p);
    });
  }
}
"""
    assert _lines(JS, "src/payments/payment.service.ts", text) == [5, 12]


def test_js_typeorm_query_runner_with_injected_repository_is_reported() -> None:
    text = """export async function rename(this: Svc, u: User) {
  const queryRunner = this.dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  try {
    await queryRunner.manager.save(u);
    await this.auditRepository.save({ userId: u.id });
    await queryRunner.commitTransaction();
  } catch (err) {
    await queryRunner.rollbackTransaction();
    throw err;
  } finally {
    await queryRunner.release();
  }
}
"""
    assert _lines(JS, "src/users/rename.ts", text) == [7]


def test_js_sequelize_model_call_without_the_transaction_option_is_reported() -> None:
    text = """async function charge(userId, amount) {
  await sequelize.transaction(async (t) => {
    await User.decrement('credits', { by: amount, where: { id: userId }, transaction: t });
    await Ledger.create({ userId, amount: -amount });
    await Audit.create({ userId, amount }, { transaction: t });
  });
}
"""
    assert _lines(JS, "src/billing/charge.js", text) == [4]


def test_js_a_hunk_inside_a_transaction_callback_is_reported() -> None:
    hunk = """    await this.prisma.$transaction(async (tx) => {
      await tx.member.delete({ where: { id } });
      await this.prisma.seat.update({ where: { teamId }, data: { used: { decrement: 1 } } });
    });"""
    assert _hunk_lines(JS, "src/teams/members.service.ts", "typescript", hunk, 80) == [82]


@pytest.mark.parametrize("begin", ["await client.query('BEGIN');", "await client.beginTransaction();"])
def test_js_the_pool_used_while_a_checked_out_client_holds_a_transaction_is_reported(begin: str) -> None:
    text = f"""export async function transfer(from, to, amount) {{
  const client = await pool.connect();
  try {{
    {begin}
    await client.query('UPDATE accounts SET balance = balance - $2 WHERE id = $1', [from, amount]);
    await pool.query('UPDATE accounts SET balance = balance + $2 WHERE id = $1', [to, amount]);
    await client.query('COMMIT');
  }} catch (err) {{
    await client.query('ROLLBACK');
    throw err;
  }} finally {{
    client.release();
  }}
  await pool.query('INSERT INTO transfer_log (from_id, to_id) VALUES ($1, $2)', [from, to]);
}}
"""
    assert _lines(JS, "src/accounts/transfer.js", text) == [6]
    assert _lines(JS, "src/accounts/transfer.js", text.replace("await pool.query('UPDATE", "await client.query('UPDATE")) == []


def test_go_ent_client_used_inside_its_transaction_is_reported() -> None:
    text = """package users

func (s *Service) Register(ctx context.Context, in Input) error {
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return err
	}
	u, err := tx.User.Create().SetEmail(in.Email).Save(ctx)
	if err != nil {
		return rollback(tx, err)
	}
	if _, err := s.client.Profile.Create().SetUserID(u.ID).Save(ctx); err != nil {
		return rollback(tx, err)
	}
	return tx.Commit()
}
"""
    assert _lines(GO, "internal/users/register.go", text) == [12]


@pytest.mark.parametrize("name", ["tx_handles.go", "tx_handles.ts"])
def test_the_whole_file_fixtures_are_flagged_exactly_where_marked(name: str) -> None:
    """The fixtures read a transaction's whole scope or a whole function, so they live in `whole_file_only`
    (a hunk that cuts the function finds nothing, by design)."""
    text = (DATA / "whole_file_only" / name).read_text()
    want = expected(text)
    assert want and findings_of(name, text) == want


def test_js_a_mongoose_call_without_the_session_inside_with_transaction_is_reported() -> None:
    text = """export async function placeOrder(input) {
  const session = await mongoose.startSession();
  try {
    await session.withTransaction(async () => {
      const [order] = await Order.create([{ items: input.items }], { session });
      await Stock.updateOne({ sku: input.sku }, { $inc: { count: -1 } });
      await Audit.create([{ orderId: order.id }], { session });
    });
  } finally {
    await session.endSession();
  }
}
"""
    assert _lines(JS, "src/orders/place.ts", text) == [6]
    fixed = text.replace("{ $inc: { count: -1 } });", "{ $inc: { count: -1 } }, { session });")
    assert _lines(JS, "src/orders/place.ts", fixed) == []


def test_js_a_mongo_session_with_start_and_commit_is_reported() -> None:
    text = """async function transfer(client, from, to, amount) {
  const session = client.startSession();
  session.startTransaction();
  try {
    await accounts.updateOne({ _id: from }, { $inc: { balance: -amount } }, { session });
    await accounts.updateOne({ _id: to }, { $inc: { balance: amount } });
    await session.commitTransaction();
  } catch (err) {
    await session.abortTransaction();
    throw err;
  }
}
"""
    assert _lines(JS, "src/accounts/transfer.js", text) == [6]


def test_js_a_mongo_transaction_that_passes_no_session_anywhere_is_left_alone() -> None:
    text = """export async function touch(id) {
  await session.withTransaction(async () => {
    await Order.updateOne({ _id: id }, { touchedAt: new Date() });
  });
}
"""
    assert _lines(JS, "src/orders/touch.ts", text) == []
